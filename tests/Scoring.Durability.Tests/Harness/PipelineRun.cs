using Scoring.Ingestion;
using Scoring.Reports;

namespace Scoring.Durability.Tests.Harness;

/// <summary>What one ingestion run reported: its counts, and each refused line with the report it carried.</summary>
/// <param name="Summary">The run's counts.</param>
/// <param name="Refused">The refused lines (line numbers are 1-based in the run's own input).</param>
/// <param name="Input">The run's input, in order.</param>
internal sealed record PipelineRun(IngestionSummary Summary, IReadOnlyList<ReportRejection> Refused, IReadOnlyList<Report> Input)
{
    /// <summary>The reports refused as <paramref name="kind"/>.</summary>
    public IEnumerable<Report> Of(RejectionKind kind) => Refused.Where(r => r.Kind == kind).Select(r => Input[(int)r.Line - 1]);

    /// <summary>Every line is counted exactly once: scored, duplicate, conflict, late or rejected.</summary>
    public void AssertCountsAddUp()
    {
        var s = Summary;
        Assert.True(s.Read == Input.Count, $"read {s.Read} lines of {Input.Count}");
        Assert.True(s.Scored + s.Duplicates + s.Conflicts + s.Late + s.Rejected == s.Read, $"the counts do not add up: {s}");
        Assert.True(s.Conflicts + s.Late + s.Rejected == Refused.Count, $"{Refused.Count} refused lines, counted {s}");
    }
}
