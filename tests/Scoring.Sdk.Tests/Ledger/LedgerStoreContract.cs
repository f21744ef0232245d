using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>
/// The behaviour every <see cref="ILedgerStore"/> must have. Each store's test class derives from this one (the
/// PostgreSQL suite runs these tests by reflection). The partial files add report keys, transactions, state and schemes.
/// </summary>
public abstract partial class LedgerStoreContract
{
    /// <summary>Creates an empty store that reads the given clock.</summary>
    protected abstract Task<ILedgerStore> CreateAsync(TimeProvider time);

    private readonly ManualTime _time = new(T0.AddDays(1));

    private Task<ILedgerStore> CreateAsync() => CreateAsync(_time);

    [Fact]
    public async Task Append_records_entries_and_running_totals()
    {
        await using var store = await CreateAsync();
        var result = await store.AppendAsync(Batch(Compute("r1", "alice", 1_500_000, minute: 1), Compute("r2", "alice", 500_000, minute: 3)));

        Assert.Equal(new AppendResult(2, 0, 2), result);
        var totals = await store.GetAccountTotalsAsync("alice");
        Assert.NotNull(totals);
        Assert.Equal(Points.FromUnits(2_000_000), totals.Total);
        Assert.Equal(Points.FromUnits(2_000_000), totals.Parts.Of("compute"));
        Assert.Equal(["compute"], totals.Parts.Keys);
        Assert.Equal(T0.AddMinutes(1), totals.FirstSeen);
        Assert.Equal(T0.AddMinutes(3), totals.LastSeen);
        Assert.Equal(2, totals.EntryCount);
        Assert.Null(await store.GetAccountTotalsAsync("bob"));
        Assert.Equal(new LedgerSummary(2, 2, 1, T0.AddMinutes(3)), await store.GetSummaryAsync());
    }

    [Fact]
    public async Task A_report_seen_before_is_a_duplicate_and_changes_nothing()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", 100)));

        var again = await store.AppendAsync(Batch(Compute("r1", "alice", 100), Compute("r2", "alice", 1)));

        Assert.Equal(new AppendResult(1, 1, 1), again);
        Assert.Equal(Points.FromUnits(101), (await store.GetAccountTotalsAsync("alice"))!.Total);
        Assert.True(await store.ContainsReportAsync("swarm", "", "r1"));
        Assert.False(await store.ContainsReportAsync("swarm", "", "r3"));
    }

    [Fact]
    public async Task A_duplicate_within_one_batch_counts_once_and_the_first_copy_wins()
    {
        await using var store = await CreateAsync();
        var result = await store.AppendAsync(Batch(Compute("r1", "alice", 100), Compute("r1", "alice", 7), Compute("r1", "bob", 7), Compute("r1", "alice", 100)));

        // The identical copy is a duplicate; the copies with other content are conflicts. The first copy wins either way.
        Assert.Equal(new AppendResult(1, 1, 1, 2), result);
        Assert.Equal(Points.FromUnits(100), (await store.GetAccountTotalsAsync("alice"))!.Total);
        Assert.Null(await store.GetAccountTotalsAsync("bob"));
    }

    [Fact]
    public async Task Report_ids_are_unique_per_scheme()
    {
        await using var store = await CreateAsync();
        var result = await store.AppendAsync(Batch(Compute("r1", "alice", 1, scheme: "swarm"), Compute("r1", "alice", 2, scheme: "jobs")));

        Assert.Equal(new AppendResult(2, 0, 2), result);
        Assert.Equal(Points.FromUnits(3), (await store.GetAccountTotalsAsync("alice"))!.Total);
    }

    [Fact]
    public async Task One_report_may_post_several_kinds_and_active_seconds()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(With("r1", "alice", 0,
            new LedgerPosting("alice", "p1", "compute", Points.FromUnits(10)),
            new LedgerPosting("alice", "p1", "presence", Points.FromUnits(20)) { ActiveSeconds = 60 },
            new LedgerPosting("alice", "p1", "job", Points.FromUnits(30)),
            new LedgerPosting("alice", "p1", "boost", Points.FromUnits(40)))));

        var totals = (await store.GetAccountTotalsAsync("alice"))!;
        Assert.Equal(Parts(("boost", 40), ("compute", 10), ("job", 30), ("presence", 20)), totals.Parts);
        Assert.Equal(["boost", "compute", "job", "presence"], totals.Parts.Keys);
        Assert.Equal(Points.FromUnits(100), totals.Total);
        Assert.Equal(60, totals.ActiveSeconds);
        Assert.Equal(4, totals.EntryCount);
        var entries = await store.ListEntriesAsync(new EntryQuery()).ToListAsync();
        Assert.Equal(["compute", "presence", "job", "boost"], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal("r1", e.ReportId));
    }

    [Fact]
    public async Task Slashes_and_adjustments_are_new_entries_with_reason_and_operator()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", 1_000, minute: 1)));
        await store.AppendAsync(Batch(
            Slash("slash-1", "alice", -300, minute: 500),
            LedgerReport.Manual("swarm", "adj-1", T0.AddMinutes(600), "alice", "peer-1", PostingKinds.Adjustment, Points.FromUnits(50), "late report", "carol")));

        var totals = (await store.GetAccountTotalsAsync("alice"))!;
        Assert.Equal(Points.FromUnits(750), totals.Total);
        Assert.Equal(Parts(("adjustment", 50), ("compute", 1_000), ("slash", -300)), totals.Parts);
        // Operator actions are not activity: they do not move last seen.
        Assert.Equal(T0.AddMinutes(1), totals.LastSeen);
        var history = await store.ListEntriesAsync(new EntryQuery { Account = "alice" }).ToListAsync();
        Assert.Equal(3, history.Count);
        Assert.Equal(Points.FromUnits(1_000), history[0].Amount);
        Assert.Equal(("missed audit", "ops@example"), (history[1].Reason, history[1].Operator));
        Assert.Equal(("late report", "carol"), (history[2].Reason, history[2].Operator));
        Assert.Equal("", history[1].RuleSetId);
    }

    [Fact]
    public async Task An_account_with_only_manual_entries_has_no_first_or_last_seen()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(LedgerReport.Manual("swarm", "adj", T0, "dave", "", PostingKinds.Adjustment, Points.FromUnits(5), "bonus", "carol")));

        var totals = (await store.GetAccountTotalsAsync("dave"))!;
        Assert.Null(totals.FirstSeen);
        Assert.Null(totals.LastSeen);
        var row = (await store.GetRankAsync("dave", new LeaderboardQuery()))!;
        Assert.Equal(AccountStatus.Offline, row.Status);
        Assert.Null(row.Joined);
    }

    [Fact]
    public async Task Peer_totals_split_the_account_total()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(
            Compute("r1", "alice", 10, peer: "gpu-b"),
            Compute("r2", "alice", 20, peer: "gpu-a"),
            Compute("r3", "alice", 5, peer: "gpu-b"),
            Compute("r4", "bob", 1, peer: "gpu-a"),
            Slash("s1", "alice", -4)));

        var peers = await store.ListPeerTotalsAsync("alice").ToListAsync();
        Assert.Equal(["", "gpu-a", "gpu-b"], peers.Select(p => p.Peer));
        Assert.Equal([-4L, 20L, 15L], peers.Select(p => p.Total.Units));
        Assert.Equal((await store.GetAccountTotalsAsync("alice"))!.Total, Points.Sum(peers.Select(p => p.Total)));
        Assert.All(peers, p => Assert.Equal("alice", p.Account));
    }

    [Fact]
    public async Task Recorded_time_comes_from_the_clock_and_report_time_is_kept_exactly()
    {
        await using var store = await CreateAsync();
        var reportTime = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        await store.AppendAsync(Batch(Compute("r1", "alice", 1) with { ReportTime = reportTime }));

        var entry = Assert.Single(await store.ListEntriesAsync(new EntryQuery()).ToListAsync());
        Assert.Equal(reportTime.UtcTicks, entry.ReportTime.UtcTicks);
        Assert.Equal(_time.Now, entry.RecordedTime);
        Assert.Equal(("swarm-default", "sha256:abc"), (entry.RuleSetId, entry.RuleSetHash));
    }

    [Fact]
    public async Task An_overflowing_batch_is_rejected_whole_and_names_the_account()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", long.MaxValue - 10)));

        var error = await Assert.ThrowsAsync<LedgerOverflowException>(() =>
            store.AppendAsync(Batch(Compute("r2", "bob", 5), Compute("r3", "alice", 11))));

        Assert.Contains("the total of account 'alice'", error.Message);
        Assert.Contains("nothing of it was committed", error.Message);
        Assert.Null(await store.GetAccountTotalsAsync("bob"));
        Assert.False(await store.ContainsReportAsync("swarm", "", "r2"));
        Assert.Equal(1, (await store.GetSummaryAsync()).Entries);
        // The reports were not marked seen: once the offending one is left out, the rest goes in.
        Assert.Equal(new AppendResult(1, 0, 1), await store.AppendAsync(Batch(Compute("r2", "bob", 5))));
    }

    [Fact]
    public async Task An_overflow_message_names_the_part_that_overflows()
    {
        await using var store = await CreateAsync();
        var presence = new LedgerPosting("alice", "peer-1", "presence", Points.FromUnits(1)) { ActiveSeconds = long.MaxValue - 5 };
        await store.AppendAsync(Batch(With("p1", "alice", 0, presence)));

        var error = await Assert.ThrowsAsync<LedgerOverflowException>(() =>
            store.AppendAsync(Batch(With("p2", "alice", 1, presence with { ActiveSeconds = 6 }))));

        Assert.Contains("the active seconds of account 'alice'", error.Message);
        Assert.Equal(long.MaxValue - 5, (await store.GetAccountTotalsAsync("alice"))!.ActiveSeconds);
    }

    [Fact]
    public async Task Overflow_is_judged_on_the_batch_sum_not_on_the_order_inside_it()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", long.MaxValue)));

        // +10 then -10 in one batch: the final total fits, whatever the order of the two.
        var result = await store.AppendAsync(Batch(
            LedgerReport.Manual("swarm", "a1", T0, "alice", "", PostingKinds.Adjustment, Points.FromUnits(10), "x", "op"),
            Slash("s1", "alice", -10)));

        Assert.Equal(2, result.Appended);
        Assert.Equal(Points.MaxValue, (await store.GetAccountTotalsAsync("alice"))!.Total);
    }

    [Fact]
    public async Task An_invalid_report_rejects_the_whole_batch()
    {
        await using var store = await CreateAsync();
        var bad = Compute("r2", "", 5);

        var error = await Assert.ThrowsAsync<LedgerValidationException>(() => store.AppendAsync(Batch(Compute("r1", "alice", 1), bad)));

        Assert.Equal(1, error.ReportIndex);
        Assert.Equal("Postings[0].Account", error.Field);
        Assert.Equal(0, (await store.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task Leaderboard_ranks_by_score_then_first_seen_then_account_code_point()
    {
        await using var store = await CreateAsync();
        // "\uFF21" (U+FF21) sorts after "\U0001F600" in UTF-16 code units but before it by code point.
        await store.AppendAsync(Batch(
            Compute("r1", "zed", 50, minute: 5),
            Compute("r2", "amy", 50, minute: 9),
            Compute("r3", "\U0001F600", 50, minute: 2),
            Compute("r4", "\uFF21", 50, minute: 2),
            Compute("r5", "top", 90, minute: 30),
            Compute("r6", "low", 1, minute: 0)));

        var board = await store.GetLeaderboardAsync(new LeaderboardQuery { AsOf = T0.AddMinutes(60) });

        Assert.Equal(["top", "\uFF21", "\U0001F600", "zed", "amy", "low"], board.Rows.Select(r => r.Account));
        Assert.Equal([1L, 2, 3, 4, 5, 6], board.Rows.Select(r => r.Rank));
        Assert.Equal(6, board.AccountCount);
        Assert.Equal(T0.AddMinutes(60), board.AsOf);
        var second = board.Rows[1];
        Assert.Equal((Points.FromUnits(50), T0.AddMinutes(2)), (second.Score, second.Joined));
    }

    [Fact]
    public async Task Status_is_online_when_last_seen_within_the_timeout_of_the_query_time()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", 2, minute: 10), Compute("r2", "bob", 1, minute: 7)));

        var board = await store.GetLeaderboardAsync(new LeaderboardQuery { AsOf = T0.AddMinutes(11) });
        Assert.Equal([AccountStatus.Online, AccountStatus.Offline], board.Rows.Select(r => r.Status));

        var wider = await store.GetLeaderboardAsync(new LeaderboardQuery { AsOf = T0.AddMinutes(11), OnlineTimeout = TimeSpan.FromMinutes(4) });
        Assert.Equal([AccountStatus.Online, AccountStatus.Online], wider.Rows.Select(r => r.Status));

        // Without AsOf the store's clock is "now": a day later, everyone is offline.
        var now = await store.GetLeaderboardAsync(new LeaderboardQuery());
        Assert.Equal(_time.Now, now.AsOf);
        Assert.All(now.Rows, r => Assert.Equal(AccountStatus.Offline, r.Status));
    }

    [Fact]
    public async Task A_window_scores_only_reports_in_it_and_as_of_leaves_out_later_ones()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(
            Compute("r1", "alice", 100, minute: 0),
            Compute("r2", "bob", 30, minute: 10),
            Compute("r3", "bob", 30, minute: 20),
            Compute("r4", "alice", 1, minute: 30)));

        var window = await store.GetLeaderboardAsync(new LeaderboardQuery { Window = new(T0.AddMinutes(10), T0.AddMinutes(30)) });
        Assert.Equal([("bob", 60L)], window.Rows.Select(r => (r.Account, r.Score.Units)));
        Assert.Equal(1, window.AccountCount);

        var asOf = await store.GetLeaderboardAsync(new LeaderboardQuery { AsOf = T0.AddMinutes(10) });
        Assert.Equal([("alice", 100L), ("bob", 30L)], asOf.Rows.Select(r => (r.Account, r.Score.Units)));
        Assert.Equal(T0.AddMinutes(10), asOf.Rows[1].LastSeen);

        var fromOnly = await store.GetAccountTotalsAsync("alice", new LedgerWindow(T0.AddMinutes(1), null));
        Assert.Equal(1, fromOnly!.Total.Units);
        Assert.Null(await store.GetAccountTotalsAsync("alice", new LedgerWindow(T0.AddMinutes(5), T0.AddMinutes(25))));
        var peers = await store.ListPeerTotalsAsync("bob", new LedgerWindow(null, T0.AddMinutes(15))).ToListAsync();
        Assert.Equal([30L], peers.Select(p => p.Total.Units));
        var accounts = await store.ListAccountTotalsAsync(new LedgerWindow(T0.AddMinutes(20), null)).ToListAsync();
        Assert.Equal([("alice", 1L), ("bob", 30L)], accounts.Select(a => (a.Account, a.Total.Units)));
    }

    [Fact]
    public async Task Rank_of_one_account_matches_its_leaderboard_row()
    {
        await using var store = await CreateAsync();
        var reports = Enumerable.Range(0, 40).Select(i => Compute($"r{i}", $"acct-{i % 13}", (i * 7919) % 50, minute: i)).ToArray();
        await store.AppendAsync(new LedgerBatch(reports));
        var queries = new[]
        {
            new LeaderboardQuery { Top = 1000, AsOf = T0.AddMinutes(40) },
            new LeaderboardQuery { Top = 1000, Window = new(T0.AddMinutes(5), T0.AddMinutes(30)), AsOf = T0.AddMinutes(30) },
        };
        foreach (var query in queries)
        {
            var board = await store.GetLeaderboardAsync(query);
            foreach (var row in board.Rows)
                Assert.Equal(row, await store.GetRankAsync(row.Account, query));
            Assert.Null(await store.GetRankAsync("nobody", query));
        }
    }

    [Fact]
    public async Task A_scheme_filter_ranks_only_that_schemes_entries()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(
            Compute("a1", "alice", 5, scheme: "jobs.llama"),
            Compute("a2", "alice", 1, scheme: "jobs.waifu"),
            Compute("b1", "bob", 3, scheme: "jobs.waifu"),
            Compute("c1", "carol", 9, scheme: "swarm")));
        var waifu = new LeaderboardQuery { Scheme = "jobs.waifu", AsOf = T0.AddMinutes(1) };

        var board = await store.GetLeaderboardAsync(waifu);
        Assert.Equal([("bob", 3L), ("alice", 1L)], board.Rows.Select(r => (r.Account, r.Score.Units)));
        Assert.Equal(2, board.AccountCount);
        Assert.Equal(2, (await store.GetRankAsync("alice", waifu))!.Rank);
        Assert.Null(await store.GetRankAsync("carol", waifu));
        Assert.Equal(3, (await store.GetLeaderboardAsync(new LeaderboardQuery { AsOf = T0.AddMinutes(1) })).AccountCount);
        Assert.Equal(0, (await store.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "none" })).AccountCount);
    }

    [Fact]
    public async Task Leaderboard_pages_with_top_and_offset()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(new LedgerBatch(Enumerable.Range(1, 10).Select(i => Compute($"r{i}", $"a{i:00}", i))));

        var page = await store.GetLeaderboardAsync(new LeaderboardQuery { Top = 3, Offset = 2 });
        Assert.Equal([("a08", 3L), ("a07", 4L), ("a06", 5L)], page.Rows.Select(r => (r.Account, r.Rank)));
        Assert.Equal(10, page.AccountCount);
        var beyond = await store.GetLeaderboardAsync(new LeaderboardQuery { Offset = 50, Window = new(T0, null) });
        Assert.Empty(beyond.Rows);
        Assert.Equal(10, beyond.AccountCount);
    }

    [Fact]
    public async Task Entries_can_be_filtered_and_paged_in_recording_order()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r1", "alice", 1, minute: 1), Compute("r2", "bob", 2, minute: 2)));
        await store.AppendAsync(Batch(Compute("r3", "alice", 3, minute: 3), Compute("r1", "bob", 4, minute: 4, scheme: "jobs")));

        var all = await store.ListEntriesAsync(new EntryQuery()).ToListAsync();
        Assert.Equal(["r1", "r2", "r3", "r1"], all.Select(e => e.ReportId));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));

        Assert.Equal([1L, 3L], (await store.ListEntriesAsync(new EntryQuery { Account = "alice" }).ToListAsync()).Select(e => e.Amount.Units));
        Assert.Equal([4L], (await store.ListEntriesAsync(new EntryQuery { Scheme = "jobs", ReportId = "r1" }).ToListAsync()).Select(e => e.Amount.Units));
        Assert.Equal([1L, 4L], (await store.ListEntriesAsync(new EntryQuery { ReportId = "r1" }).ToListAsync()).Select(e => e.Amount.Units));
        Assert.Empty(await store.ListEntriesAsync(new EntryQuery { Scheme = "jobs", ReportId = "r2" }).ToListAsync());
        Assert.Equal([2L, 3L], (await store.ListEntriesAsync(new EntryQuery { Window = new(T0.AddMinutes(2), T0.AddMinutes(4)) }).ToListAsync()).Select(e => e.Amount.Units));
        var second = await store.ListEntriesAsync(new EntryQuery { AfterSequence = all[1].Sequence, Limit = 1 }).ToListAsync();
        Assert.Equal([all[2]], second);
    }

    [Fact]
    public async Task A_windowed_sum_beyond_64_bits_is_reported_not_wrapped()
    {
        await using var store = await CreateAsync();
        // Each batch's running totals fit (the later negative adjustment keeps them in range); the window before it does not.
        await store.AppendAsync(Batch(LedgerReport.Manual("swarm", "a1", T0, "alice", "", PostingKinds.Adjustment, Points.MaxValue, "x", "op")));
        await store.AppendAsync(Batch(LedgerReport.Manual("swarm", "a3", T0.AddMinutes(5), "alice", "", PostingKinds.Adjustment, Points.FromUnits(-long.MaxValue), "x", "op")));
        await store.AppendAsync(Batch(LedgerReport.Manual("swarm", "a2", T0.AddMinutes(2), "alice", "", PostingKinds.Adjustment, Points.MaxValue, "x", "op")));

        Assert.Equal(Points.MaxValue, (await store.GetAccountTotalsAsync("alice"))!.Total);
        var window = new LedgerWindow(T0, T0.AddMinutes(3));
        await Assert.ThrowsAsync<LedgerOverflowException>(() => store.GetLeaderboardAsync(new LeaderboardQuery { Window = window }));
        await Assert.ThrowsAsync<LedgerOverflowException>(() => store.GetAccountTotalsAsync("alice", window));
    }

    [Theory]
    [InlineData(0, 0, 2)]
    [InlineData(10, -1, 2)]
    [InlineData(10, 0, -1)]
    public async Task Leaderboard_queries_out_of_range_are_rejected(int top, int offset, int timeoutMinutes)
    {
        await using var store = await CreateAsync();
        var query = new LeaderboardQuery { Top = top, Offset = offset, OnlineTimeout = TimeSpan.FromMinutes(timeoutMinutes) };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetLeaderboardAsync(query));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetRankAsync("a", query));
    }

    [Fact]
    public async Task A_window_that_ends_before_it_starts_is_rejected()
    {
        await using var store = await CreateAsync();
        var window = new LedgerWindow(T0.AddMinutes(1), T0);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.GetLeaderboardAsync(new LeaderboardQuery { Window = window }));
        Assert.Contains("must be before", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAccountTotalsAsync("a", window));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.ListEntriesAsync(new EntryQuery { Limit = 0 }).ToListAsync());
    }

    [Fact]
    public async Task Any_permutation_split_and_duplication_gives_the_same_totals() =>
        await LedgerProperties.OrderSplitAndDuplicationDoNotMatter(CreateAsync, PropertyRuns);

    [Fact]
    public async Task Totals_equal_the_sum_of_entries() =>
        await LedgerProperties.TotalsEqualTheSumOfEntries(CreateAsync, PropertyRuns);

    [Fact]
    public async Task A_leaderboard_is_the_accounts_in_the_documented_order() =>
        await LedgerProperties.LeaderboardIsSortedPermutation(CreateAsync, PropertyRuns);

    [Fact]
    public async Task Overflow_is_always_detected_and_nothing_of_the_batch_is_committed() =>
        await LedgerProperties.OverflowAlwaysDetected(CreateAsync, PropertyRuns);

    [Fact]
    public async Task The_same_reports_give_the_same_results_as_the_in_memory_reference() =>
        await LedgerProperties.SameAsInMemory(CreateAsync, PropertyRuns);

    /// <summary>How many random cases each property tries against this store.</summary>
    protected virtual int PropertyRuns => 100;
}
