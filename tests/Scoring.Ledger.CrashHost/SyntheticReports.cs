using Scoring.Ledger;

namespace Scoring.Ledger.CrashHost;

/// <summary>
/// A deterministic stream of scored reports: report <c>i</c> is the same in every process and every run, so
/// a restarted or second ingester offers exactly the same reports and idempotency must absorb the repeats.
/// </summary>
public static class SyntheticReports
{
    /// <summary>The report time of report 0.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The scheme whose state the crash host keeps beside its entries.</summary>
    public const string StateScheme = "crash-host";

    /// <summary>The state key counting every report the host appended (a little-endian 64-bit number).</summary>
    public const string AppendedStateKey = "appended";

    /// <summary>The state key counting the appended reports of the batch that starts at report <paramref name="first"/>.</summary>
    public static string BatchStateKey(long first) => $"batch/{first:D8}";

    /// <summary>Report number <paramref name="index"/>: compute points, every third also presence, every 50th a slash instead.</summary>
    public static LedgerReport Report(long index)
    {
        ulong h = Mix((ulong)index);
        string account = $"acct-{h % 97}";
        string peer = $"peer-{(h >> 8) % 3}";
        var time = Start.AddSeconds(index);
        if (index % 50 == 49)
            return LedgerReport.Manual("swarm", $"slash-{index}", time, account, "", PostingKinds.Slash,
                Points.FromUnits(-(long)((h >> 16) % 1_000_000)), "synthetic audit failure", "crash-host");
        var compute = new LedgerPosting(account, peer, "compute", Points.FromUnits((long)((h >> 20) % 50_000_000)));
        LedgerPosting[] postings = index % 3 == 0
            ? [compute, new LedgerPosting(account, peer, "presence", Points.FromUnits(277)) { ActiveSeconds = 1 }]
            : [compute];
        return new LedgerReport
        {
            Scheme = "swarm",
            ReportId = $"r{index}",
            ReportTime = time,
            RuleSetId = "swarm-default",
            RuleSetHash = "sha256:0123",
            Postings = postings,
        };
    }

    /// <summary>Reports <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 in batches of <paramref name="batchSize"/>.</summary>
    public static IEnumerable<LedgerBatch> Batches(long first, long count, int batchSize)
    {
        for (long at = first; at < first + count; at += batchSize)
        {
            long end = Math.Min(first + count, at + batchSize);
            var reports = new List<LedgerReport>((int)(end - at));
            for (long i = at; i < end; i++)
                reports.Add(Report(i));
            yield return new LedgerBatch(reports);
        }
    }

    // SplitMix64: a fixed, well-spread function of the index (no Random, whose sequence may change between runtimes).
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
