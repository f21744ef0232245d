using Scoring.Ledger;

namespace Scoring.Ingestion;

/// <summary>
/// A batch's reports in input order with their idempotency keys, cut before each report whose (currency, producer, id)
/// occurred earlier in the same segment. The decoding side of the pipeline builds it, so the content hashes and the
/// cuts of batch N+1 are computed while batch N commits; the writer only classifies, scores and records.
/// </summary>
/// <remarks>
/// A second copy of a report id in one batch is judged only after the first copy's verdict is recorded, as if the batch
/// ended between them: its first copy may be refused (late, void), and then the copy is not a duplicate or conflict of
/// anything in the ledger. So the verdicts and the ledger never depend on batch size.
/// </remarks>
internal sealed class KeyedSegments
{
    private readonly HashSet<(string Scheme, string Producer, string ReportId)> _ids = [];
    private readonly List<KeyedSegment> _segments;

    /// <summary>Starts with one empty segment: a batch of refused lines only is still one (empty) step of the writer.</summary>
    public KeyedSegments(int capacity)
    {
        _segments = [new KeyedSegment(new List<ReportInput>(capacity), new List<ReportKey>(capacity))];
    }

    /// <summary>The segments, in input order.</summary>
    public IReadOnlyList<KeyedSegment> Segments => _segments;

    /// <summary>How many reports all segments hold.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Empties the segments for another batch, keeping the first one's lists and the id set with their capacity: a
    /// batch's lists are large arrays, and new ones per batch counted toward a full collection every few batches.
    /// </summary>
    public void Clear()
    {
        _ids.Clear();
        _segments[0].Reports.Clear();
        _segments[0].Keys.Clear();
        _segments.RemoveRange(1, _segments.Count - 1);
        Count = 0;
    }

    /// <summary>
    /// Appends a report with its key (<see cref="KeyedLine.KeyOf"/>, computed where it was decoded), opening a new segment
    /// when its id repeats one of the current segment.
    /// </summary>
    public void Add(ReportInput input, ReportKey key)
    {
        var id = LedgerTransaction.Id(key);
        if (!_ids.Add(id))
        {
            _ids.Clear();
            _ids.Add(id);
            _segments.Add(new KeyedSegment([], []));
        }
        var segment = _segments[^1];
        segment.Reports.Add(input);
        segment.Keys.Add(key);
        Count++;
    }
}
