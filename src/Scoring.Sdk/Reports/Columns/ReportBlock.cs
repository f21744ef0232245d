namespace Scoring.Reports.Columns;

/// <summary>
/// One block of decoded lines as columns (struct of arrays), from a <see cref="ColumnarReportDecoder"/>: per row its
/// line number, report type and id, per report type a <see cref="ReportColumns"/> with one array per field, the
/// block's strings interned in <see cref="Names"/>, and the lines that were rejected. Rows keep input order. A block
/// is reused for later input once the enumeration moves past it: copy out what must outlive it.
/// </summary>
public sealed class ReportBlock
{
    private readonly ColumnarTypes _types;
    private readonly ReportColumns?[] _columns;
    private readonly List<DecodedLine> _rejects = [];
    private long[] _lineNumbers = new long[1024];
    private int[] _typeIndexes = new int[1024];
    private int[] _ids = new int[1024];
    private Report?[] _reports = new Report?[1024];

    internal ReportBlock(ColumnarTypes types, int blockBytes)
    {
        _types = types;
        _columns = new ReportColumns?[types.Types.Count];
        Lines = new LineBatch(blockBytes);
        Reader = new ColumnarLineReader(types.MaxFields);
    }

    /// <summary>How many reports (rows) the block holds.</summary>
    public int Count { get; private set; }

    /// <summary>The 1-based input line number of each row, ascending.</summary>
    public ReadOnlySpan<long> LineNumbers => _lineNumbers.AsSpan(0, Count);

    /// <summary>Each row's report type, as an index into <see cref="Types"/>.</summary>
    public ReadOnlySpan<int> TypeIndexes => _typeIndexes.AsSpan(0, Count);

    /// <summary>The decoder's report types, in registration order.</summary>
    public IReadOnlyList<ReportType> Types => _types.Types;

    /// <summary>The block's strings; <see cref="ReportColumns.Names"/> columns hold ids into it.</summary>
    public ReportNameTable Names { get; } = new();

    /// <summary>The block's rejected lines, in input order, exactly as <see cref="ReportDecoder.DecodeLine"/> gives them.</summary>
    public IReadOnlyList<DecodedLine> Rejects => _rejects;

    /// <summary>
    /// How many of the block's lines (rows and rejects) were read straight into columns; the others went through
    /// <see cref="ReportDecoder.DecodeLine"/> (a type without <see cref="IColumnarReportType"/>, an escaped string, a
    /// timestamp as text, bad JSON …). A low share means the input misses the fast path.
    /// </summary>
    public int ReadDirectly { get; internal set; }

    /// <summary>The lines this block decodes (filled by the decoder's reader, read by a worker).</summary>
    internal LineBatch Lines { get; }

    /// <summary>The worker's fast reader and its buffers.</summary>
    internal ColumnarLineReader Reader { get; }

    /// <summary>The report type of row <paramref name="row"/>.</summary>
    public ReportType TypeOf(int row) => _types.Types[TypeIndexes[row]];

    /// <summary>The columns of <paramref name="type"/> (all absent values when the block holds none of its reports).</summary>
    /// <exception cref="ArgumentException">The decoder does not read <paramref name="type"/>.</exception>
    public ReportColumns Columns(ReportType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!_types.TryGetIndex(type, out var index))
            throw new ArgumentException($"The decoder does not read report type '{type.Name}'.", nameof(type));
        return ColumnsAt(index);
    }

    /// <summary>The report id of row <paramref name="row"/> (<see cref="Report.Id"/> of the same line's report).</summary>
    public string GetId(int row)
    {
        var id = _ids.AsSpan(0, Count)[row];
        return id >= 0 ? Names.GetString(id) : _types[_typeIndexes[row]].Reader!.ReportId(this, row);
    }

    /// <summary>
    /// The report of row <paramref name="row"/> as an object, equal to the one <see cref="ReportDecoder.DecodeLine"/>
    /// gives for its line: made from the columns by the type's <see cref="IColumnarReportType.ToReport"/>, or the one the
    /// object decoder made for a line the fast reader left to it. For the rows that must outlive the block.
    /// </summary>
    public Report GetReport(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        return _reports[row] ?? _types[_typeIndexes[row]].Reader!.ToReport(this, row);
    }

    internal ReportColumns ColumnsAt(int typeIndex)
    {
        var columns = _columns[typeIndex] ??= new ReportColumns(_types[typeIndex].Type, _lineNumbers.Length);
        columns.PadTo(Count);
        return columns;
    }

    /// <summary>
    /// Adds a row; <paramref name="id"/> is the interned report id, or -1 when the type's reader computes it, and
    /// <paramref name="report"/> the object decoder's report, or null when the type's reader makes it.
    /// </summary>
    internal int AddRow(long lineNumber, int typeIndex, int id, Report? report = null)
    {
        if (Count == _lineNumbers.Length)
        {
            Array.Resize(ref _lineNumbers, Count * 2);
            Array.Resize(ref _typeIndexes, Count * 2);
            Array.Resize(ref _ids, Count * 2);
            Array.Resize(ref _reports, Count * 2);
        }
        var row = Count;
        var columns = ColumnsAt(typeIndex);
        columns.AddRow(row);
        _lineNumbers[row] = lineNumber;
        _typeIndexes[row] = typeIndex;
        _ids[row] = id;
        _reports[row] = report;
        Count++;
        return row;
    }

    internal void AddReject(DecodedLine rejected) => _rejects.Add(rejected);

    /// <summary>Gives every type's columns the block's row count.</summary>
    internal void Complete()
    {
        foreach (var columns in _columns)
            columns?.PadTo(Count);
    }

    internal void Clear()
    {
        Array.Clear(_reports, 0, Count); // a reused block keeps no report alive
        Count = 0;
        ReadDirectly = 0;
        _rejects.Clear();
        Names.Clear();
        foreach (var columns in _columns)
            columns?.Clear();
    }
}
