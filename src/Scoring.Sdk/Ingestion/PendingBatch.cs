namespace Scoring.Ingestion;

/// <summary>
/// A decoded batch: its reports keyed and cut where an id repeats (<see cref="KeyedSegments"/>), its refused lines
/// (conflicts with committed keys among them), and how many of its reports the ledger had committed already.
/// </summary>
internal sealed record PendingBatch(
    KeyedSegments Reports, IReadOnlyList<ReportRejection> Rejections, long FirstLine, long LastLine, long LinesRead, int CommittedDuplicates)
{
    /// <summary>The batch's segments.</summary>
    public IReadOnlyList<KeyedSegment> Segments => Reports.Segments;

    /// <summary>Whether the batch has reports for the writer to classify and score.</summary>
    public bool ForWriter { get; } = KeyedSegment.AnyReports(Reports.Segments);
}
