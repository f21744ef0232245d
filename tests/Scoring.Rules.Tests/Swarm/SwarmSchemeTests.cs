using System.Globalization;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Swarm;
using Scoring.Rules.Tests.Oracles;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Ingestion;
using static Scoring.Rules.Tests.Swarm.SwarmLines;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>The swarm scheme end to end: lines through <see cref="ReportIngestion"/> into a ledger, as <c>scoring score</c> runs it.</summary>
public sealed class SwarmSchemeTests
{
    private const double Pflop = 1e15;
    private const string Currency = SwarmScheme.SchemeName;

    private static SchemeRun Run(SwarmOptions? options = null, params RuleSet[] overrides) => new(new SwarmScheme(options), overrides);

    private static RuleSet PointsVersion(string version, string compute, string presence = "totalCountedMicroseconds / 3600000000.0 * presencePointsPerHour",
        double maxFlopsPerSecond = 1e17) =>
        new RuleSetBuilder(SwarmPointsInputs.RuleSetId)
            .Version(version)
            .EffectiveFrom(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Input("totalCountedFlops", ScalarType.Double).Input("totalCountedMicroseconds", ScalarType.Double).Input("peerId", ScalarType.String)
            .Parameter("flopsPerPoint", 1e15).Parameter("presencePointsPerHour", 1.0).Parameter(SwarmPointsInputs.MaxFlopsPerSecond, maxFlopsPerSecond)
            .Rule("compute", r => r.Set("compute", compute))
            .Rule("presence", r => r.Set("presence", presence))
            .Output("compute").Output("presence")
            .Build();

    private static async Task<LedgerEntry> EntryAsync(SchemeRun run, string peer, double t, string kind) =>
        (await run.EntriesAsync(Currency)).Single(e => e.Peer == peer && e.Kind == kind && e.ReportTime == UnixTime.FromSeconds(T0 + t));

    [Fact]
    public async Task The_readme_example_gives_alice_7_05_and_bob_2()
    {
        var run = Run();
        var summary = await run.RunAsync(RepositoryFiles.Lines("samples/data/examples/swarm.jsonl"));

        Assert.Equal(new IngestionSummary(9, 9, 0, 0, 0, 0, 18), summary);
        var alice = (await run.Ledger.GetAccountTotalsAsync("alice", scheme: Currency))!;
        Assert.Equal(Points.Parse("7.05"), alice.Total);
        Assert.Equal((Points.FromWhole(7), Points.Parse("0.05")), (alice.Parts.Of(SwarmScheme.ComputeKind), alice.Parts.Of(SwarmScheme.PresenceKind)));
        Assert.Equal(180, alice.ActiveSeconds); // p1 120 s + p2 60 s; p3 waits (cap 2)
        Assert.Equal(Points.FromWhole(2), await run.TotalAsync("bob", Currency));
    }

    [Fact]
    public async Task The_cap_one_worked_example_of_the_docs_holds_exactly()
    {
        var run = Run(new SwarmOptions { PeerCap = 1 });
        // p1 reports at 0, 60, 120 and stops; p2 (1 PFLOP/s, counter = t × 10^15) at 30, 90, …, 330.
        string[] lines =
        [
            Counter("p1", "alice", 0, 0), Counter("p2", "alice", 30, 30 * Pflop), Counter("p1", "alice", 60, Pflop),
            Counter("p2", "alice", 90, 90 * Pflop), Counter("p1", "alice", 120, 2 * Pflop), Counter("p2", "alice", 150, 150 * Pflop),
            Counter("p2", "alice", 210, 210 * Pflop), Counter("p2", "alice", 270, 270 * Pflop), Counter("p2", "alice", 330, 330 * Pflop),
        ];
        await run.RunAsync(lines);

        var alice = (await run.Ledger.GetAccountTotalsAsync("alice", scheme: Currency))!;
        Assert.Equal(Points.FromWhole(92), alice.Parts.Of(SwarmScheme.ComputeKind));
        Assert.Equal(Points.FromUnits(33_333 + 25_000), alice.Parts.Of(SwarmScheme.PresenceKind));
        Assert.Equal(Points.Parse("92.058333"), alice.Total);
        Assert.Equal(Points.FromWhole(30), (await EntryAsync(run, "p2", 270, SwarmScheme.ComputeKind)).Amount);
        Assert.Equal(Points.FromUnits(8_333), (await EntryAsync(run, "p2", 270, SwarmScheme.PresenceKind)).Amount);
        Assert.Equal(Points.FromWhole(60), (await EntryAsync(run, "p2", 330, SwarmScheme.ComputeKind)).Amount);
        Assert.Equal(Points.FromUnits(16_667), (await EntryAsync(run, "p2", 330, SwarmScheme.PresenceKind)).Amount);
        Assert.Equal(Points.Zero, (await EntryAsync(run, "p2", 210, SwarmScheme.ComputeKind)).Amount);
        var p1 = (await run.EntriesAsync(Currency)).Where(e => e.Peer == "p1").ToList();
        Assert.Equal([0L, 60L, 60L], p1.Where(e => e.Kind == SwarmScheme.PresenceKind).Select(e => e.ActiveSeconds));
        Assert.Equal(Points.FromWhole(2), Points.Sum(p1.Where(e => e.Kind == SwarmScheme.ComputeKind).Select(e => e.Amount)));
    }

    [Fact]
    public async Task Every_entry_records_the_rule_set_that_paid_it_and_each_report_is_recorded_under_its_peer()
    {
        var run = Run();
        await run.RunAsync([Counter("p1", "alice", 0, 0), Counter("p1", "alice", 60, 3 * Pflop)]);
        var builtIn = BuiltInReports.Registry.BuiltInRuleSets.Single(r => r.RuleSet.Id == SwarmPointsInputs.RuleSetId);
        var entries = await run.EntriesAsync(Currency);
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal((SwarmPointsInputs.RuleSetId, builtIn.ContentHash), (e.RuleSetId, e.RuleSetHash)));
        Assert.Equal([$"p1@{T0}", $"p1@{T0 + 60}"], entries.Select(e => e.ReportId).Distinct());
        Assert.True(await run.Ledger.ContainsReportAsync(Currency, "p1", $"p1@{T0 + 60}"));
    }

    [Fact]
    public async Task One_peers_reports_at_one_instant_settle_by_report_id_whatever_their_arrival()
    {
        string[] first = [Counter("p1", "alice", 0, 0, id: "a"), Counter("p1", "alice", 60, 5 * Pflop, id: "c"), Counter("p1", "alice", 60, 2 * Pflop, id: "b")];
        string[] second = [first[0], first[2], first[1]];
        var one = Run();
        var two = Run();
        await one.RunAsync(first);
        await two.RunAsync(second, batchSize: 1);

        static IEnumerable<(string, string, Points, string?)> Entries(List<LedgerEntry> entries) => entries.Select(e => (e.ReportId, e.Kind, e.Amount, e.Reason));
        Assert.Equal(Entries(await one.EntriesAsync(Currency)), Entries(await two.EntriesAsync(Currency)));
        // b (2 PFLOP) settles before c (5 PFLOP): b is paid its 2; c's increase of 3 comes 0 s after b, more than any
        // hardware does in no time. (By arrival, c would have come first and b been a reset paying nothing.)
        var entries = await one.EntriesAsync(Currency);
        Assert.Equal(Points.FromWhole(2), entries.Single(e => e.ReportId == "b" && e.Kind == SwarmScheme.ComputeKind).Amount);
        var c = entries.Single(e => e.ReportId == "c" && e.Kind == SwarmScheme.ComputeKind);
        Assert.Equal(Points.Zero, c.Amount);
        Assert.Equal("counter jump: 3000000000000000 FLOPs reported over 0 s; credited 0 (maxFlopsPerSecond 1E+17), 3000000000000000 FLOPs not paid", c.Reason);
    }

    [Fact]
    public async Task After_settling_a_report_at_or_before_the_accounts_latest_instant_is_late_and_changes_nothing()
    {
        var run = Run();
        await run.RunAsync([Counter("p1", "alice", 0, 0), Counter("p1", "alice", 60, Pflop), Counter("p2", "bob", 10, 0)]);
        var before = await run.Ledger.GetAccountTotalsAsync("alice", scheme: Currency);

        var summary = await run.RunAsync([Counter("p1", "alice", 60, 2 * Pflop, id: "again"), Counter("p3", "alice", 30, 0), Counter("p2", "bob", 70, Pflop)], settle: false);

        Assert.Equal(new IngestionSummary(3, 1, 0, 0, 2, 0, 0), summary); // bob's report is held in its reorder window
        Assert.Equal([RejectionKind.Late, RejectionKind.Late], run.Rejects.Rejections.Select(r => r.Kind));
        Assert.Equal("$.timestamp", run.Rejects.Rejections[0].Field);
        Assert.Equal($"late report: timestamp {T0 + 60} is at or before account 'alice''s watermark {T0 + 60} (its latest settled instant); " +
            "a report must arrive before its account has seen one more than the reorder window (30 s) newer, and before the account is settled",
            run.Rejects.Rejections[0].Reason);
        Assert.Equal(before, await run.Ledger.GetAccountTotalsAsync("alice", scheme: Currency));
        Assert.Equal(6, (await run.Ledger.GetSummaryAsync()).Entries);
        Assert.False(await run.Ledger.ContainsReportAsync(Currency, "p3", $"p3@{T0 + 30}"));
        Assert.True(await run.Ledger.ContainsReportAsync(Currency, "p2", $"p2@{T0 + 70}"));
    }

    [Fact]
    public async Task Runs_kept_open_hold_the_reorder_window_across_files_and_give_the_entries_of_one_run()
    {
        string[] lines =
        [
            Counter("p1", "alice", 0, 0), Counter("p2", "alice", 5, 0), Counter("p1", "alice", 40, Pflop),
            Counter("p2", "alice", 30, 2 * Pflop), Counter("p1", "alice", 80, 3 * Pflop), Counter("p2", "alice", 70, 4 * Pflop),
        ];
        var whole = Run(new SwarmOptions { PeerCap = 1 });
        await whole.RunAsync(lines);
        var parts = Run(new SwarmOptions { PeerCap = 1 });
        await parts.RunAsync(lines[..3], settle: false);
        // p2@30 is older than p1@40, which the first part already saw: still inside the 30 s window, so in time.
        await parts.RunAsync(lines[3..], batchSize: 2);

        static IEnumerable<(string, string, Points)> Entries(List<LedgerEntry> entries) => entries.Select(e => (e.ReportId, e.Kind, e.Amount)).Order();
        Assert.Equal(Entries(await whole.EntriesAsync(Currency)), Entries(await parts.EntriesAsync(Currency)));
        Assert.Empty(parts.Rejects.Rejections);
        var keys = await parts.Ledger.ReadStateAsync(Currency).Select(s => s.Key).ToListAsync();
        Assert.Equal(["account/alice", "peer/p1", "peer/p2"], keys); // nothing pending after settling
    }

    [Fact]
    public async Task A_counter_jump_is_credited_at_most_max_flops_per_second_and_the_compute_entry_says_what_was_not_paid()
    {
        var run = Run();
        await run.RunAsync([Counter("p1", "alice", 0, 5e26), Counter("p1", "alice", 30, 0), Counter("p1", "alice", 90, 1e27)]);

        var first = await EntryAsync(run, "p1", 0, SwarmScheme.ComputeKind);
        // The first report may claim what the peer could do in one presence timeout (120 s).
        Assert.Equal(Points.FromWhole(12_000), first.Amount);
        Assert.Equal($"counter jump: {(UInt128)5e26} FLOPs reported over 120 s; credited 12000000000000000000 (maxFlopsPerSecond 1E+17), {(UInt128)5e26 - 12_000_000_000_000_000_000} FLOPs not paid",
            first.Reason);
        var jump = await EntryAsync(run, "p1", 90, SwarmScheme.ComputeKind);
        Assert.Equal(Points.FromWhole(6_000), jump.Amount); // 1e17 × 60 s
        // docs/schemes.md quotes this reason: the counter 1e27 is the double 1000000000000000013287555072.
        Assert.Equal("counter jump: 1000000000000000013287555072 FLOPs reported over 60 s; credited 6000000000000000000 (maxFlopsPerSecond 1E+17), 999999994000000013287555072 FLOPs not paid",
            jump.Reason);
        Assert.Null((await EntryAsync(run, "p1", 30, SwarmScheme.ComputeKind)).Reason);
        Assert.Null((await EntryAsync(run, "p1", 90, SwarmScheme.PresenceKind)).Reason);
    }

    [Fact]
    public async Task The_credit_limit_is_a_parameter_of_the_rule_set_version_in_force()
    {
        var run = Run(null, PointsVersion("slow", "totalCountedFlops / flopsPerPoint", maxFlopsPerSecond: 1e15));
        await run.RunAsync([Counter("p1", "alice", 0, 0), Counter("p1", "alice", 60, 1e18)]);
        var jump = await EntryAsync(run, "p1", 60, SwarmScheme.ComputeKind);
        Assert.Equal(Points.FromWhole(60), jump.Amount); // 1e15 FLOP/s × 60 s of the 1e18 claimed
        Assert.Equal("counter jump: 1000000000000000000 FLOPs reported over 60 s; credited 60000000000000000 (maxFlopsPerSecond 1000000000000000), 940000000000000000 FLOPs not paid",
            jump.Reason);

        var missing = new RuleSetBuilder(SwarmPointsInputs.RuleSetId).Version("no-limit").EffectiveFrom(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Input("totalCountedFlops", ScalarType.Double).Rule("c", r => r.Set("compute", "totalCountedFlops").Set("presence", "0.0"))
            .Output("compute").Output("presence").Build();
        var error = Assert.Throws<RuleSetException>(() => new SwarmScheme().CreateScorer(Run(null, missing).Context));
        Assert.StartsWith("Rule set swarm-points@no-limit must declare the parameter 'maxFlopsPerSecond'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_that_is_not_a_number_for_one_peer_voids_that_peers_points_with_the_reason_and_the_batch_goes_on()
    {
        // NaN (infinity minus infinity) for p2 only.
        var nan = PointsVersion("nan-for-p2", "peerId == \"p2\" ? (1e308 * 10.0) - (1e308 * 10.0) : totalCountedFlops / flopsPerPoint");
        var run = Run(null, nan);
        var summary = await run.RunAsync([Counter("p1", "alice", 0, 0), Counter("p2", "alice", 0, 0), Counter("p1", "alice", 60, 3 * Pflop), Counter("p2", "alice", 60, 5 * Pflop)]);

        Assert.Equal(new IngestionSummary(4, 4, 0, 0, 0, 0, 8), summary); // recorded, with 0 points: a replay is a duplicate
        Assert.Equal(Points.FromUnits(3_016_667), await run.TotalAsync("alice", Currency));
        var voided = await EntryAsync(run, "p2", 60, SwarmScheme.ComputeKind);
        Assert.Equal(Points.Zero, voided.Amount);
        Assert.Equal($"voided: rule set swarm-points@nan-for-p2 gave no valid points ({EvaluationError.NonFiniteOutput}); the report earns nothing", voided.Reason);
        var presence = await EntryAsync(run, "p2", 60, SwarmScheme.PresenceKind);
        Assert.Equal((Points.Zero, 0L, voided.Reason), (presence.Amount, presence.ActiveSeconds, presence.Reason));
    }

    [Fact]
    public async Task An_output_out_of_the_range_of_points_voids_the_report_instead_of_refusing_the_batch()
    {
        var run = Run(null, PointsVersion("one-flop", "totalCountedFlops"));
        var summary = await run.RunAsync([Counter("p1", "alice", 0, 1e26), Counter("p2", "bob", 0, 0), Counter("p2", "bob", 60, 0)]);
        Assert.Equal(3, summary.Scored);
        Assert.Contains($"({EvaluationError.PointsOutOfRange})", (await EntryAsync(run, "p1", 0, SwarmScheme.ComputeKind)).Reason, StringComparison.Ordinal);
        Assert.Equal(Points.FromUnits(16_667), await run.TotalAsync("bob", Currency));
    }

    [Fact]
    public async Task An_output_that_goes_down_as_the_totals_grow_voids_the_report_and_keeps_what_was_paid()
    {
        var run = Run(null, PointsVersion("falling", "1000.0 - totalCountedFlops / flopsPerPoint"));
        await run.RunAsync([Counter("p1", "alice", 0, 0), Counter("p1", "alice", 60, 3 * Pflop)]);
        Assert.Equal(Points.FromWhole(1000), (await EntryAsync(run, "p1", 0, SwarmScheme.ComputeKind)).Amount);
        var fell = await EntryAsync(run, "p1", 60, SwarmScheme.ComputeKind);
        Assert.Equal(Points.Zero, fell.Amount);
        Assert.Equal("voided: rule set swarm-points@falling lowered peer 'p1''s total points (its outputs must not decrease as the totals grow); the report earns nothing", fell.Reason);
        Assert.Equal(Points.FromWhole(1000), await run.TotalAsync("alice", Currency));
    }

    [Fact]
    public async Task A_peer_under_another_account_and_flops_the_accrual_cannot_count_are_rejected_with_the_reason()
    {
        var run = Run();
        var summary = await run.RunAsync([Counter("p1", "alice", 0, 0), Counter("p1", "mallory", 10, Pflop), Counter("p2", "bob", 0, 2e27), Counter("p3", "bob", 0, 1.5)]);
        Assert.Equal(new IngestionSummary(4, 1, 0, 0, 0, 3, 2), summary);
        var reasons = run.Rejects.Rejections.Select(r => (r.Line, r.Field, r.Reason)).ToList();
        Assert.Equal((2L, "$.account", "peer 'p1' belongs to account 'alice', not 'mallory'"), reasons[0]);
        Assert.Equal((3L, "$.cumulativeFlops", "must be at most 1E+27, got 2E+27"), reasons[1]);
        Assert.Equal((4L, "$.cumulativeFlops", "must be a whole number of FLOPs, got 1.5"), reasons[2]);
    }

    [Fact]
    public async Task A_store_that_runs_each_transaction_again_gives_the_same_ledger_and_state()
    {
        var lines = RepositoryFiles.Lines("samples/data/swarm.jsonl").Take(1500).ToArray();
        var plain = Run();
        var retrying = new SchemeRun(new SwarmScheme(), ledger: new RetryingLedgerStore(new InMemoryLedgerStore()));
        var expected = await plain.RunAsync(lines, batchSize: 97);
        var actual = await retrying.RunAsync(lines, batchSize: 97);

        Assert.Equal(expected, actual);
        Assert.Equal(await plain.TotalsAsync(Currency), await retrying.TotalsAsync(Currency));
        Assert.Equal(await plain.Ledger.ReadStateAsync(Currency).Select(s => (s.Key, Convert.ToHexString(s.Value))).ToListAsync(),
            await retrying.Ledger.ReadStateAsync(Currency).Select(s => (s.Key, Convert.ToHexString(s.Value))).ToListAsync());
    }

    [Fact]
    public async Task Two_scorers_taking_turns_on_one_ledger_give_what_one_scorer_gives()
    {
        // Each scorer keeps the account state it last read or wrote (SchemeStateCache): a scorer whose accounts the other
        // changed since must read them again, as a second server process on the same ledger would.
        var chunks = RepositoryFiles.Lines("samples/data/swarm.jsonl").Take(1500).Chunk(50).ToArray();
        var scheme = new SwarmScheme();
        var context = new SchemeContext(BuiltInReports.Registry.CreateRuleSets());
        var pipeline = new ReportIngestion();

        var alone = new InMemoryLedgerStore();
        using (var one = scheme.CreateScorer(context))
        {
            foreach (var chunk in chunks)
                await pipeline.RunAsync(Input(chunk), BuiltInReports.Decoder, one, alone, settle: false);
        }

        var shared = new InMemoryLedgerStore();
        using var first = scheme.CreateScorer(context);
        using var second = scheme.CreateScorer(context);
        for (int i = 0; i < chunks.Length; i++)
            await pipeline.RunAsync(Input(chunks[i]), BuiltInReports.Decoder, i % 2 == 0 ? first : second, shared, settle: false);

        Assert.Equal(await State(alone), await State(shared));
        Assert.Equal(await Totals(alone), await Totals(shared));

        static MemoryStream Input(string[] lines) => new(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        static Task<List<(string Key, string Value)>> State(ILedgerStore ledger) =>
            ledger.ReadStateAsync(Currency).Select(s => (s.Key, Convert.ToHexString(s.Value))).ToListAsync().AsTask();
        static Task<List<(string Account, long Units)>> Totals(ILedgerStore ledger) =>
            ledger.ListAccountTotalsAsync(scheme: Currency).Select(t => (t.Account, t.Total.Units)).ToListAsync().AsTask();
    }

    [Fact]
    public void A_report_is_explained_as_its_peers_only_report()
    {
        var scheme = new SwarmScheme();
        var context = Run().Context;
        var report = BuiltInReports.Decode(Counter("p1", "alice", 0, 2 * Pflop)).Report!;
        var explanation = Assert.Single(scheme.Explain(report, context));
        Assert.Equal(SwarmPointsInputs.RuleSetId, explanation.RuleSetId);
        Assert.NotNull(explanation.Trace);
        Assert.StartsWith("as the peer's first and only report", explanation.Note, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => scheme.Explain(BuiltInReports.Decode(
            """{"type":"llm","jobId":"j","minerId":"m","wallet":"w","model":"x","inputTokens":1,"outputTokens":1,"gpuVramGb":1,"latencySeconds":1,"timestamp":1767225600}""").Report!, context));
    }
}
