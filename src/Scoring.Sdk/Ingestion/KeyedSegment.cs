using Scoring.Ledger;

namespace Scoring.Ingestion;

/// <summary>Reports of which no two share an id, with their keys at the same positions.</summary>
internal sealed record KeyedSegment(List<ReportInput> Reports, List<ReportKey> Keys)
{
    /// <summary>Whether any of <paramref name="segments"/> holds a report: whether the writer has anything to classify and score.</summary>
    public static bool AnyReports(IReadOnlyList<KeyedSegment> segments) => segments.Any(segment => segment.Reports.Count > 0);
}
