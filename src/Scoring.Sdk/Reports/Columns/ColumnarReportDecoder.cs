namespace Scoring.Reports.Columns;

/// <summary>
/// Decodes JSON Lines reports from UTF-8 bytes straight into columns (<see cref="ReportBlock"/>s), on several cores,
/// with the rows and blocks in input order. Report types that implement <see cref="IColumnarReportType"/> are read
/// without a wire object or a report per line; other types, and lines the fast reader is not sure of, go through
/// <see cref="ReportDecoder.DecodeLine"/> and land in the same columns. Either way a line gives the same report
/// values, id and reject (line, field, reason, raw text) as <see cref="ReportDecoder.Decode(Stream)"/>.
/// </summary>
/// <remarks>
/// The input is split into lines by the same reader as <see cref="ReportDecoder"/> (bounded memory, <c>\r\n</c>, a
/// byte order mark, lines over <see cref="ReportLimits.MaxLineBytes"/>), and the lines are grouped into blocks of
/// about <see cref="BlockBytes"/> bytes. Up to <see cref="Workers"/> blocks are decoded at once while the next is read,
/// and each block and its buffers are reused: memory is about (<see cref="Workers"/> + 1) × 3 ×
/// <see cref="BlockBytes"/> whatever the input's size. Thread-safe; each enumeration has its own blocks.
/// </remarks>
public sealed class ColumnarReportDecoder
{
    /// <summary>The default block size: 1 MiB of lines (about 9,000 swarm reports), large enough that handing a block to a worker costs nothing.</summary>
    public const int DefaultBlockBytes = 1 << 20;

    private readonly ColumnarTypes _types;

    /// <summary>Creates a decoder.</summary>
    /// <param name="decoder">The report types, and the decoder for the lines the fast reader leaves to it.</param>
    /// <param name="workers">How many blocks to decode at once; 0 for one per processor. With 1, blocks are decoded on the enumerating thread.</param>
    /// <param name="blockBytes">About how many bytes of lines a block holds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is negative or <paramref name="blockBytes"/> is not 1 byte to 256 MiB.</exception>
    public ColumnarReportDecoder(ReportDecoder decoder, int workers = 0, int blockBytes = DefaultBlockBytes)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockBytes, 256 << 20);
        Decoder = decoder;
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
        BlockBytes = blockBytes;
        _types = new ColumnarTypes(decoder);
    }

    /// <summary>The line decoder this one agrees with.</summary>
    public ReportDecoder Decoder { get; }

    /// <summary>How many blocks are decoded at once.</summary>
    public int Workers { get; }

    /// <summary>About how many bytes of lines a block holds.</summary>
    public int BlockBytes { get; }

    /// <summary>
    /// Decodes every line of a UTF-8 stream into blocks, lazily and in input order. A block is valid until the
    /// enumeration moves to the next one (it is then reused).
    /// </summary>
    /// <param name="utf8Stream">The input; read to its end, not disposed.</param>
    public IEnumerable<ReportBlock> Decode(Stream utf8Stream)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        return DecodeBlocks(utf8Stream, static block => block);
    }

    /// <summary>
    /// Decodes every line of a UTF-8 stream into blocks and projects each block on the worker that decoded it, so
    /// what is made of a block (objects that outlive it, keys, hashes) is made on every core; the results come in
    /// input order. The block is reused once the enumeration has moved past its result.
    /// </summary>
    /// <typeparam name="TResult">What a block becomes.</typeparam>
    /// <param name="utf8Stream">The input; read to its end, not disposed.</param>
    /// <param name="project">Makes a block's result; called on a worker thread, for several blocks at once.</param>
    public IEnumerable<TResult> Decode<TResult>(Stream utf8Stream, Func<ReportBlock, TResult> project)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentNullException.ThrowIfNull(project);
        return DecodeBlocks(utf8Stream, project);
    }

    /// <summary>
    /// <see cref="Decode{TResult}(Stream, Func{ReportBlock, TResult})"/> with a say on how many blocks are decoded at
    /// once: <paramref name="workersNow"/> is asked before each block is handed out and gives 1 to <see cref="Workers"/>
    /// (the ingestion pipeline decodes on every core only while its writer waits for work).
    /// </summary>
    internal IEnumerable<TResult> Decode<TResult>(Stream utf8Stream, Func<ReportBlock, TResult> project, Func<int> workersNow) =>
        DecodeBlocks(utf8Stream, project, workersNow);

    private IEnumerable<TResult> DecodeBlocks<TResult>(Stream utf8Stream, Func<ReportBlock, TResult> project, Func<int>? workersNow = null)
    {
        using var reader = new JsonLinesReader(utf8Stream, leaveOpen: true);
        var free = new Stack<ReportBlock>();
        var decoding = new Queue<(ReportBlock Block, Task<TResult> Work)>();
        try
        {
            var more = true;
            while (more)
            {
                var block = free.Count > 0 ? free.Pop() : new ReportBlock(_types, BlockBytes);
                more = Fill(reader, block.Lines);
                if (block.Lines.Count == 0)
                {
                    free.Push(block);
                    continue;
                }
                if (Workers == 1)
                {
                    DecodeBlock(block);
                    yield return project(block);
                    free.Push(block);
                    continue;
                }
                decoding.Enqueue((block, Task.Run(() =>
                {
                    DecodeBlock(block);
                    return project(block);
                })));
                int workers = workersNow is null ? Workers : Math.Clamp(workersNow(), 1, Workers);
                while (decoding.Count >= workers)
                {
                    var (done, work) = decoding.Dequeue();
                    yield return work.GetAwaiter().GetResult();
                    free.Push(done);
                }
            }
            while (decoding.Count > 0)
                yield return decoding.Dequeue().Work.GetAwaiter().GetResult();
        }
        finally
        {
            // An enumeration left early must not return while workers still write into its blocks.
            foreach (var (_, work) in decoding)
                ((IAsyncResult)work).AsyncWaitHandle.WaitOne();
        }
    }

    /// <summary>Copies the next lines into <paramref name="lines"/> until it holds a block's bytes; false at the end of the input.</summary>
    private bool Fill(JsonLinesReader reader, LineBatch lines)
    {
        lines.Clear();
        while (lines.Bytes < BlockBytes)
        {
            if (!reader.Read())
                return false;
            var line = reader.Line.Span;
            if (reader.IsTooLong)
                lines.Add(line, reader.LineNumber, reader.LineLength);
            else if (!ReportDecoder.IsBlank(line))
                lines.Add(line, reader.LineNumber, -1);
        }
        return true;
    }

    private void DecodeBlock(ReportBlock block)
    {
        block.Clear();
        var lines = block.Lines;
        var reader = block.Reader;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines.Line(i);
            var number = lines.LineNumber(i);
            if (lines.TooLongLength(i) >= 0)
            {
                block.AddReject(ReportDecoder.TooLong(line, lines.TooLongLength(i), number));
                continue;
            }
            if (reader.TryRead(line, _types) is { } type)
            {
                block.ReadDirectly++;
                var check = new ReportFieldCheck();
                type.Reader!.Check(ref check, reader.Values);
                if (check.Failed)
                    block.AddReject(ReportDecoder.Reject(line, number, check.Path, check.Reason!));
                else
                    AddRead(block, type, line, number);
                continue;
            }
            var decoded = Decoder.DecodeLine(line, number);
            if (decoded.IsReport)
                AddReport(block, decoded.Report, number);
            else
                block.AddReject(decoded);
        }
        block.Complete();
    }

    /// <summary>Adds a row from the values the fast reader read (they are the report's values: the type checked them).</summary>
    private static void AddRead(ReportBlock block, ColumnarType type, ReadOnlySpan<byte> line, long number)
    {
        var row = block.AddRow(number, type.Index, id: -1);
        var columns = block.ColumnsAt(type.Index);
        var reader = block.Reader;
        var values = reader.Values;
        for (var field = 0; field < type.FieldTypes.Length; field++)
        {
            switch (type.FieldTypes[field])
            {
                case ReportFieldType.String:
                    columns.SetName(field, row, reader.TryGetUtf8(line, field, out var utf8) ? block.Names.Intern(utf8) : -1);
                    break;
                case ReportFieldType.Double:
                    columns.SetDouble(field, row, values.Number(field));
                    break;
                case ReportFieldType.Int:
                    columns.SetInt(field, row, (long)values.Number(field));
                    break;
                default:
                    columns.SetBool(field, row, values.Flag(field) == true);
                    break;
            }
        }
    }

    /// <summary>Adds a row from a report the object decoder made, through the type's field readers.</summary>
    private void AddReport(ReportBlock block, Report report, long number)
    {
        var typeIndex = _types.IndexOf(report.ReportType);
        var row = block.AddRow(number, typeIndex, block.Names.Intern(report.Id), report);
        var columns = block.ColumnsAt(typeIndex);
        var fields = report.ReportType.Fields;
        for (var field = 0; field < fields.Count; field++)
        {
            switch (fields[field].Type)
            {
                case ReportFieldType.String:
                    columns.SetName(field, row, block.Names.Intern(fields[field].ReadString!(report)));
                    break;
                case ReportFieldType.Double:
                    columns.SetDouble(field, row, fields[field].ReadDouble!(report));
                    break;
                case ReportFieldType.Int:
                    columns.SetInt(field, row, fields[field].ReadInt!(report));
                    break;
                default:
                    columns.SetBool(field, row, fields[field].ReadBool!(report));
                    break;
            }
        }
    }
}
