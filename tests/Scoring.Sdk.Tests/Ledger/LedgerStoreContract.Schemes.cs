using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>Running totals per ledger scheme (a point currency) and per kind; reads without a scheme sum the schemes.</summary>
public abstract partial class LedgerStoreContract
{
    /// <summary>alice and bob in three schemes, with custom kinds, a zero-point kind, active seconds and a slash.</summary>
    private static LedgerBatch ThreeSchemes() => Batch(
        With("s1", "alice", 1,
            new LedgerPosting("alice", "peer-1", "compute", Points.FromUnits(10)),
            new LedgerPosting("alice", "peer-1", "presence", Points.FromUnits(5)) { ActiveSeconds = 60 }),
        Slash("s2", "alice", -2, minute: 2),
        Earned("l1", "alice", "tokens", 7, scheme: "jobs.llama", minute: 3, activeSeconds: 9),
        Earned("l2", "bob", "tokens", 30, scheme: "jobs.llama", minute: 4),
        Earned("w1", "alice", "images", 0, scheme: "jobs.waifu", minute: 5),
        Earned("s3", "carol", "compute", 12, minute: 6));

    [Fact]
    public async Task Running_totals_are_kept_per_scheme_and_kind_and_summed_over_schemes()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(ThreeSchemes());

        var swarm = (await store.GetAccountTotalsAsync("alice", scheme: "swarm"))!;
        Assert.Equal((13L, 60L, 3L, T0.AddMinutes(1), T0.AddMinutes(1)),
            (swarm.Total.Units, swarm.ActiveSeconds, swarm.EntryCount, swarm.FirstSeen, swarm.LastSeen));
        Assert.Equal(Parts(("compute", 10), ("presence", 5), ("slash", -2)), swarm.Parts);

        // A kind with entries is kept even when its points sum to zero.
        var waifu = (await store.GetAccountTotalsAsync("alice", scheme: "jobs.waifu"))!;
        Assert.Equal((0L, 1L), (waifu.Total.Units, waifu.EntryCount));
        Assert.Equal(Parts(("images", 0)), waifu.Parts);
        Assert.Equal(["images"], waifu.Parts.Keys);
        Assert.Null(await store.GetAccountTotalsAsync("bob", scheme: "swarm"));
        Assert.Null(await store.GetAccountTotalsAsync("alice", scheme: "none"));

        // Without a scheme: every scheme's totals added together (currencies mixed), parts the union of kinds.
        var all = (await store.GetAccountTotalsAsync("alice"))!;
        Assert.Equal((20L, 69L, 5L, T0.AddMinutes(1), T0.AddMinutes(5)), (all.Total.Units, all.ActiveSeconds, all.EntryCount, all.FirstSeen, all.LastSeen));
        Assert.Equal(Parts(("compute", 10), ("images", 0), ("presence", 5), ("slash", -2), ("tokens", 7)), all.Parts);
        Assert.Equal(all, await store.GetAccountTotalsAsync("alice", LedgerWindow.All, CancellationToken.None));

        Assert.Equal([("alice", 7L), ("bob", 30L)],
            (await store.ListAccountTotalsAsync(scheme: "jobs.llama").ToListAsync()).Select(t => (t.Account, t.Total.Units)));
        var everyone = await store.ListAccountTotalsAsync().ToListAsync();
        Assert.Equal([("alice", 20L), ("bob", 30L), ("carol", 12L)], everyone.Select(t => (t.Account, t.Total.Units)));
        Assert.Equal(all, everyone[0]);
        Assert.Equal(3, (await store.GetSummaryAsync()).Accounts);

        var peers = await store.ListPeerTotalsAsync("alice", scheme: "swarm").ToListAsync();
        Assert.Equal([("", -2L), ("peer-1", 15L)], peers.Select(p => (p.Peer, p.Total.Units)));
        Assert.Equal(Parts(("compute", 10), ("presence", 5)), peers[1].Parts);
        var waifuPeer = Assert.Single(await store.ListPeerTotalsAsync("alice", scheme: "jobs.waifu").ToListAsync());
        Assert.Equal(("peer-1", Parts(("images", 0))), (waifuPeer.Peer, waifuPeer.Parts));
        Assert.Equal(["", "peer-1"], (await store.ListPeerTotalsAsync("alice").ToListAsync()).Select(p => p.Peer));

        // The windowed path (aggregating entries) agrees with the running totals, with and without a scheme.
        var cutsNothing = new LedgerWindow(T0, null);
        Assert.Equal(swarm, await store.GetAccountTotalsAsync("alice", cutsNothing, "swarm"));
        Assert.Equal(all, await store.GetAccountTotalsAsync("alice", cutsNothing));
        Assert.Equal(everyone, await store.ListAccountTotalsAsync(cutsNothing).ToListAsync());
        Assert.Equal(await store.ListAccountTotalsAsync(scheme: "jobs.llama").ToListAsync(), await store.ListAccountTotalsAsync(cutsNothing, "jobs.llama").ToListAsync());
    }

    [Fact]
    public async Task Leaderboards_rank_a_schemes_running_totals_or_every_scheme_summed()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(ThreeSchemes());
        var at = T0.AddMinutes(7);

        var llama = await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "jobs.llama", AsOf = at });
        Assert.Equal([("bob", 30L), ("alice", 7L)], llama.Rows.Select(r => (r.Account, r.Score.Units)));
        Assert.Equal(2, llama.AccountCount);
        Assert.Equal(Parts(("tokens", 30)), llama.Rows[0].Parts);
        Assert.Equal((9L, T0.AddMinutes(3)), (llama.Rows[1].ActiveSeconds, llama.Rows[1].Joined));

        var swarm = await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "swarm", AsOf = at });
        Assert.Equal([("alice", 13L), ("carol", 12L)], swarm.Rows.Select(r => (r.Account, r.Score.Units)));

        var all = await store.GetLeaderboardAsync(new LeaderboardQuery { AsOf = at });
        Assert.Equal([("bob", 30L), ("alice", 20L), ("carol", 12L)], all.Rows.Select(r => (r.Account, r.Score.Units)));
        Assert.Equal(3, all.AccountCount);
        Assert.Equal(Parts(("compute", 10), ("images", 0), ("presence", 5), ("slash", -2), ("tokens", 7)), all.Rows[1].Parts);

        // Ranks agree with the boards; an account without entries in the scheme has no rank there.
        Assert.Equal(llama.Rows[1], await store.GetRankAsync("alice", new LeaderboardQuery { Scheme = "jobs.llama", AsOf = at }));
        Assert.Equal(all.Rows[1], await store.GetRankAsync("alice", new LeaderboardQuery { AsOf = at }));
        Assert.Null(await store.GetRankAsync("carol", new LeaderboardQuery { Scheme = "jobs.llama", AsOf = at }));

        // A window that cuts nothing aggregates the entries and must give the same rows as the running totals.
        foreach (string? scheme in new[] { null, "swarm", "jobs.llama", "jobs.waifu" })
        {
            var running = await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = scheme, AsOf = at });
            var windowed = await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = scheme, AsOf = at, Window = new(T0, null) });
            Assert.Equal(running.Rows, windowed.Rows);
            Assert.Equal(running.AccountCount, windowed.AccountCount);
        }

        // As of an earlier time the entries are aggregated: bob's tokens (minute 4) are not there yet at minute 3.
        var earlier = await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "jobs.llama", AsOf = T0.AddMinutes(3) });
        Assert.Equal([("alice", 7L)], earlier.Rows.Select(r => (r.Account, r.Score.Units)));
    }

    [Fact]
    public async Task A_sum_over_schemes_beyond_64_bits_is_reported_not_wrapped()
    {
        await using var store = await CreateAsync();
        // Each scheme's running total fits; their sum does not.
        await store.AppendAsync(Batch(Compute("r1", "alice", long.MaxValue), Compute("r2", "alice", 1, scheme: "jobs"), Compute("r3", "bob", 1)));

        Assert.Equal(long.MaxValue, (await store.GetAccountTotalsAsync("alice", scheme: "swarm"))!.Total.Units);
        Assert.Equal(long.MaxValue, (await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "swarm" })).Rows[0].Score.Units);
        await Assert.ThrowsAsync<LedgerOverflowException>(() => store.GetAccountTotalsAsync("alice"));
        await Assert.ThrowsAsync<LedgerOverflowException>(() => store.GetLeaderboardAsync(new LeaderboardQuery()));
        await Assert.ThrowsAsync<LedgerOverflowException>(async () => await store.ListAccountTotalsAsync().ToListAsync());
        Assert.Equal(1, (await store.GetAccountTotalsAsync("bob"))!.Total.Units);
    }

    [Fact]
    public async Task An_overflowing_kind_part_is_named_while_the_total_fits()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", long.MaxValue), Slash("s1", "alice", -10)));

        // The total would be MaxValue - 5; the compute part would be MaxValue + 5.
        var error = await Assert.ThrowsAsync<LedgerOverflowException>(() => store.AppendAsync(Batch(Compute("r2", "alice", 5))));

        Assert.Contains("the compute part of account 'alice' in scheme 'swarm'", error.Message);
        Assert.Equal(long.MaxValue - 10, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.False(await store.ContainsReportAsync("swarm", "", "r2"));
    }
}
