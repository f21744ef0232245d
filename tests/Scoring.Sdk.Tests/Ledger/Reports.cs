using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>Builders for test reports.</summary>
internal static class Reports
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static LedgerReport Compute(
        string id, string account, long units, int minute = 0, string peer = "peer-1", string scheme = "swarm", string producer = "") => new()
    {
        Scheme = scheme,
        Producer = producer,
        ReportId = id,
        ReportTime = T0.AddMinutes(minute),
        RuleSetId = "swarm-default",
        RuleSetHash = "sha256:abc",
        Postings = [new LedgerPosting(account, peer, "compute", Points.FromUnits(units))],
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
        LedgerReport.Manual("swarm", id, T0.AddMinutes(minute), account, peer, PostingKinds.Slash, Points.FromUnits(units), "missed audit", "ops@example");

    public static LedgerBatch Batch(params LedgerReport[] reports) => new(reports);

    /// <summary>A report with one activity posting of any kind.</summary>
    public static LedgerReport Earned(string id, string account, string kind, long units, string scheme = "swarm", int minute = 0, long activeSeconds = 0) =>
        With(id, account, minute, new LedgerPosting(account, "peer-1", kind, Points.FromUnits(units)) { ActiveSeconds = activeSeconds }) with { Scheme = scheme };

    public static ReportKey Key(string id, long hash, string producer = "", string scheme = "swarm") => new(scheme, producer, id, hash);

    public static ScoreParts Parts(params (string Kind, long Units)[] parts) =>
        new(parts.Select(p => KeyValuePair.Create(p.Kind, Points.FromUnits(p.Units))));

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static KeyValuePair<string, byte[]?> Put(string key, string? value) => KeyValuePair.Create(key, value is null ? null : Bytes(value));
}
