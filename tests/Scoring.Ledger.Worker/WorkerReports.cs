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
        string account = Account(index, accounts);
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

    /// <summary>
    /// Report <paramref name="index"/> of a pure swarm input, the shape the scaling benchmark measures
    /// (bench/Scoring.Bench/Postgres/scale.sh): one compute posting from the account's peer, every fourth report also
    /// 60 s of presence.
    /// </summary>
    public static LedgerReport Swarm(long index, int accounts)
    {
        ulong mix = Mix((ulong)index);
        string account = Account(index, accounts);
        string peer = $"gpu-{(mix >> 20) % 5}";
        var postings = new List<LedgerPosting> { new(account, peer, "compute", Points.FromUnits((long)(mix % 50_000_000))) };
        if (index % 4 == 1)
            postings.Add(new LedgerPosting(account, peer, "presence", Points.FromUnits(1_000_000)) { ActiveSeconds = 60 });
        return new LedgerReport
        {
            Scheme = "swarm",
            Producer = peer,
            ReportId = $"r-{index}",
            ReportTime = T0.AddSeconds(index),
            RuleSetId = "swarm-default",
            RuleSetHash = "sha256:0123",
            Postings = postings,
        };
    }

    /// <summary>The account of report <paramref name="index"/> (the first posting's, in either shape).</summary>
    public static string Account(long index, int accounts) => $"acct-{Mix((ulong)index) % (ulong)accounts:D6}";

    /// <summary>
    /// Which of <paramref name="shards"/> workers takes reports of <paramref name="account"/> when the input is split by
    /// account (FNV-1a of its UTF-16 code units: the same in every process, unlike <see cref="string.GetHashCode()"/>).
    /// </summary>
    public static int Shard(string account, int shards)
    {
        uint hash = 2166136261;
        foreach (char c in account)
            hash = (hash ^ c) * 16777619;
        return (int)(hash % (uint)shards);
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
