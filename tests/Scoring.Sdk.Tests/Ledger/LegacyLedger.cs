using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>
/// The reports of a ledger written before schema version 3 (SQLite) / 2 (PostgreSQL), and what a migrated store must
/// answer about them: swarm compute and presence, a job, a boost, a slash and an adjustment.
/// </summary>
internal static class LegacyLedger
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One entry of the fixture: (seq, scheme, report, account, peer, kind, amount, active seconds, minute, rule set, reason, operator).
    /// Kinds are the old enum's numbers: 0 compute, 1 presence, 2 job, 3 boost, 4 slash, 5 adjustment.
    /// </summary>
    public static readonly (long Seq, string Scheme, string Report, string Account, string Peer, int Kind, long Amount, long Seconds, int Minute, int RuleSet, string? Reason, string? Operator)[] Entries =
    [
        (1, "swarm", "s-1", "alice", "peer-a", 0, 100, 0, 1, 1, null, null),
        (2, "swarm", "s-1", "alice", "peer-a", 1, 20, 60, 1, 1, null, null),
        // seq 3 was reserved by a duplicate in the same batch: a gap.
        (4, "swarm", "s-2", "bob", "peer-b", 0, 50, 0, 2, 1, null, null),
        (5, "jobs", "j-1", "alice", "miner-7", 2, 30, 0, 3, 2, "image job", null),
        (6, "jobs", "boost-1", "alice", "miner-7", 3, 10, 0, 4, 3, "nft boost", null),
        (7, "swarm", "slash-1", "alice", "", 4, -5, 0, 5, 4, "missed audit", "ops"),
        (8, "swarm", "adj-1", "bob", "peer-b", 5, 3, 0, 6, 4, "late report", "ops"),
    ];

    /// <summary>Checks a store opened on the legacy ledger: totals rebuilt, producers derived, appends going on.</summary>
    public static async Task AssertMigratedAsync(ILedgerStore store)
    {
        // Totals rebuilt per scheme and kind from the entries; every scheme summed gives the old per-account totals.
        var alice = (await store.GetAccountTotalsAsync("alice"))!;
        Assert.Equal((155L, 60L, 5L), (alice.Total.Units, alice.ActiveSeconds, alice.EntryCount));
        Assert.Equal(Parts(("boost", 10), ("compute", 100), ("job", 30), ("presence", 20), ("slash", -5)), alice.Parts);
        // The boost is activity, the slash is not.
        Assert.Equal((T0.AddMinutes(1), T0.AddMinutes(4)), (alice.FirstSeen, alice.LastSeen));
        Assert.Equal(115, (await store.GetAccountTotalsAsync("alice", scheme: "swarm"))!.Total.Units);
        Assert.Equal(Parts(("boost", 10), ("job", 30)), (await store.GetAccountTotalsAsync("alice", scheme: "jobs"))!.Parts);
        var bob = (await store.GetAccountTotalsAsync("bob"))!;
        Assert.Equal((53L, Parts(("adjustment", 3), ("compute", 50))), (bob.Total.Units, bob.Parts));
        Assert.Equal(["alice", "bob"], (await store.GetLeaderboardAsync(new LeaderboardQuery())).Rows.Select(r => r.Account));
        Assert.Equal(["alice", "bob"], (await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "swarm" })).Rows.Select(r => r.Account));

        // Keys: the producer is the first entry's peer, or '' for boosts, slashes and adjustments.
        Assert.True(await store.ContainsReportAsync("swarm", "peer-a", "s-1"));
        Assert.False(await store.ContainsReportAsync("swarm", "", "s-1"));
        Assert.True(await store.ContainsReportAsync("swarm", "peer-b", "s-2"));
        Assert.True(await store.ContainsReportAsync("jobs", "miner-7", "j-1"));
        Assert.True(await store.ContainsReportAsync("jobs", "", "boost-1"));
        Assert.True(await store.ContainsReportAsync("swarm", "", "slash-1"));
        Assert.True(await store.ContainsReportAsync("swarm", "", "adj-1"));
        Assert.Equal(new LedgerSummary(6, 7, 2, T0.AddMinutes(6)), await store.GetSummaryAsync());
        var entries = await store.ListEntriesAsync(new EntryQuery()).ToListAsync();
        Assert.Equal(["compute", "presence", "compute", "job", "boost", "slash", "adjustment"], entries.Select(e => e.Kind));
        Assert.Equal(("jobs-image", "image job"), (entries[3].RuleSetId, entries[3].Reason));

        // A migrated key's content hash is unknown: a re-send is a duplicate, whatever its content.
        var resent = Compute("s-1", "alice", 999, producer: "peer-a");
        Assert.Equal(new AppendResult(0, 2, 0), await store.AppendAsync(Batch(resent, Slash("slash-1", "alice", -1))));
        await store.WriteAsync(async (tx, ct) =>
        {
            Assert.Equal([ReportKeyStatus.Duplicate, ReportKeyStatus.New], await tx.ClassifyAsync([ReportKey.Of(resent), ReportKey.Of(resent) with { Producer = "peer-x" }], ct));
            return 0;
        });

        // Appends go on: new keys, new kinds, entries numbered after the old ones.
        var fresh = Earned("s-3", "carol", "render-time", 7, activeSeconds: 5) with { Producer = "peer-c" };
        Assert.Equal(new AppendResult(2, 0, 2), await store.AppendAsync(Batch(fresh, Compute("s-4", "alice", 1, producer: "peer-a"))));
        var added = await store.ListEntriesAsync(new EntryQuery { AfterSequence = 8 }).ToListAsync();
        Assert.Equal(["render-time", "compute"], added.Select(e => e.Kind));
        Assert.True(added[0].Sequence > 8 && added[1].Sequence > added[0].Sequence);
        Assert.Equal(156, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(Parts(("render-time", 7)), (await store.GetAccountTotalsAsync("carol"))!.Parts);
    }
}
