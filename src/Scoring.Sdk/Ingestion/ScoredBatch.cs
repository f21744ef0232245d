using Scoring.Ledger;

namespace Scoring.Ingestion;

/// <summary>What a scorer produced for one batch: ledger reports to append and lines it rejected.</summary>
public sealed class ScoredBatch
{
    /// <summary>The ledger reports, in input order.</summary>
    public List<LedgerReport> Reports { get; } = [];

    /// <summary>The reports the scheme rejected, with their reasons.</summary>
    public List<ReportRejection> Rejections { get; } = [];

    /// <summary>Adds a scored report.</summary>
    public void Add(LedgerReport report) => Reports.Add(report);

    /// <summary>Rejects a report with a reason.</summary>
    public void Reject(long line, string field, string reason, string raw) => Rejections.Add(new ReportRejection(line, field, reason, raw));
}
