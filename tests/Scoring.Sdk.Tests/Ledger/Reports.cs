using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>Builders for test reports.</summary>
internal static class Reports
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static LedgerReport Compute(string id, string account, long units, int minute = 0, string peer = "peer-1", string scheme = "swarm") => new()
    {
        Scheme = scheme,
        ReportId = id,
        ReportTime = T0.AddMinutes(minute),
        RuleSetId = "swarm-default",
        RuleSetHash = "sha256:abc",
        Postings = [new LedgerPosting(account, peer, EntryKind.Compute, Points.FromUnits(units))],
    };

    public static LedgerReport With(string id, string account, int minute, params LedgerPosting[] postings) => new()
    {
        Scheme = "swarm",
        ReportId = id,
        ReportTime = T0.AddMinutes(minute),
        RuleSetId = "swarm-default",
        RuleSetHash = "sha256:abc",
        Postings = postings,
    };

    public static LedgerReport Slash(string id, string account, long units, int minute = 0, string peer = "") =>
        LedgerReport.Manual("swarm", id, T0.AddMinutes(minute), account, peer, EntryKind.Slash, Points.FromUnits(units), "missed audit", "ops@example");

    public static LedgerBatch Batch(params LedgerReport[] reports) => new(reports);
}
