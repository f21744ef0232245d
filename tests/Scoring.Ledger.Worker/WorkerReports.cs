using Scoring.Ledger;

namespace Scoring.Ledger.Worker;

/// <summary>
/// The reports the workers ingest: report <c>i</c> of a run is a pure function of <c>i</c>, so a test can hand
/// overlapping ranges to several processes and replay the same reports into a reference store.
/// </summary>
public static class WorkerReports
{
    /// <summary>The report time of report 0.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The scheme whose state a worker started with <c>--state 1</c> keeps.</summary>
    public const string StateScheme = "worker";

    /// <summary>The state key counting every report such workers appended (a little-endian 64-bit number).</summary>
    public const string AppendedStateKey = "appended";

    /// <summary>Report <paramref name="index"/> among <paramref name="accounts"/> accounts.</summary>
    public static LedgerReport Create(long index, int accounts)
    {
        ulong mix = Mix((ulong)index);
        string account = $"acct-{mix % (ulong)accounts:D6}";
        string peer = $"gpu-{(mix >> 20) % 5}";
        var time = T0.AddSeconds(index);
        string scheme = index % 3 == 0 ? "jobs" : "swarm";
        if (index % 53 == 7)
            return LedgerReport.Manual(scheme, $"slash-{index}", time, account, "", PostingKinds.Slash,
                Points.FromUnits(-(long)(mix % 2_000_000)), "missed audit", "ops");
        if (index % 97 == 11)
            return LedgerReport.Manual(scheme, $"adj-{index}", time, account, peer, PostingKinds.Adjustment,
                Points.FromUnits((long)(mix % 3_000_000) - 1_500_000), "correction", "ops");
        long amount = (long)(mix % 50_000_000);
        var postings = new List<LedgerPosting> { new(account, peer, scheme == "jobs" ? "job" : "compute", Points.FromUnits(amount)) };
        if (index % 4 == 1)
            postings.Add(new LedgerPosting(account, peer, "presence", Points.FromUnits(1_000_000)) { ActiveSeconds = 60 });
        if (index % 10 == 3)
            postings.Add(new LedgerPosting(account, peer, "boost", Points.FromUnits(amount / 5)));
        return new LedgerReport
        {
            Scheme = scheme,
            ReportId = $"r-{index}",
            ReportTime = time,
            RuleSetId = scheme + "-default",
            RuleSetHash = "sha256:0123",
            Postings = postings,
        };
    }

    // SplitMix64: a fixed, well-spread function of the index (never Random: every process must agree).
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
