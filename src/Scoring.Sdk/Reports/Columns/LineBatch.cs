namespace Scoring.Reports.Columns;

/// <summary>
/// The non-blank lines of one block, copied out of the <see cref="JsonLinesReader"/> (which already split them, dropped
/// <c>\r</c> and the byte order mark, and cut lines that are too long) so a worker can decode them while the reader moves on.
/// </summary>
internal sealed class LineBatch(int blockBytes)
{
    // Grown as lines arrive, up to a block and one line: a small input (a host's request of a few lines) costs what its
    // lines use, not a megabyte on the large object heap per decoding.
    private readonly int _capacity = blockBytes + ReportLimits.MaxLineBytes;
    private byte[] _bytes = new byte[Math.Min(blockBytes + ReportLimits.MaxLineBytes, 16 * 1024)];
    private int[] _starts = new int[1024];
    private int[] _lengths = new int[1024];
    private long[] _numbers = new long[1024];
    private long[] _tooLongLengths = new long[1024];

    public int Count { get; private set; }

    /// <summary>The bytes held so far.</summary>
    public int Bytes { get; private set; }

    public ReadOnlySpan<byte> Line(int index) => _bytes.AsSpan(_starts[index], _lengths[index]);

    public long LineNumber(int index) => _numbers[index];

    /// <summary>The full length of a line that was too long (<see cref="Line"/> holds its first bytes), or -1.</summary>
    public long TooLongLength(int index) => _tooLongLengths[index];

    public void Add(ReadOnlySpan<byte> line, long lineNumber, long tooLongLength)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
            Array.Resize(ref _numbers, Count * 2);
            Array.Resize(ref _tooLongLengths, Count * 2);
        }
        if (Bytes + line.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(Bytes + line.Length, Math.Min(_bytes.Length * 2, _capacity)));
        line.CopyTo(_bytes.AsSpan(Bytes));
        _starts[Count] = Bytes;
        _lengths[Count] = line.Length;
        _numbers[Count] = lineNumber;
        _tooLongLengths[Count] = tooLongLength;
        Bytes += line.Length;
        Count++;
    }

    public void Clear() => Count = Bytes = 0;
}
