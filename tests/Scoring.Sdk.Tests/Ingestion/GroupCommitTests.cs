using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Schemes;
using static Scoring.Sdk.Tests.Ingestion.MeterIngestion;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary><see cref="ReportIngestion.RunGroupAsync"/>: several inputs in one transaction, each recorded whole or not at all.</summary>
public class GroupCommitTests
{
    [Fact]
    public async Task Each_input_gets_its_own_counts_and_refusals_and_a_later_input_sees_the_earlier_ones_reports()
    {
        var ledger = new InMemoryLedgerStore();
        var (first, second, third) = (new RejectList(), new RejectList(), new RejectList());
        var outcomes = await Pipeline(batchSize: 1).RunGroupAsync(
            [
                new IngestionInput(Input([Line(1, "alice", 2), "{bad", Line(2, "bob", 1)]), first),
                // r1 again (a retry of the first input's report): a duplicate; r2 with other content: a conflict.
                new IngestionInput(Input([Line(1, "alice", 2), Line(2, "bob", 5), Line(3, "alice", 1)]), second),
                new IngestionInput(Input([Line(4, "carol", 1, meter: "unsigned")]), third,
                    admit: report => report.Producer == "unsigned" ? ("$.meterId", "not signed") : null),
            ],
            MeterDecoder, Scorer(), ledger);

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Equal(new IngestionSummary(3, 2, 0, 0, 0, 1, 2), outcomes[0].Summary);
        Assert.Equal(new IngestionSummary(3, 1, 1, 1, 0, 0, 1), outcomes[1].Summary);
        Assert.Equal(new IngestionSummary(1, 0, 0, 0, 0, 1, 0), outcomes[2].Summary);
        Assert.Equal([2L], first.Rejections.Select(r => r.Line));
        Assert.Equal((2L, RejectionKind.Conflict), (second.Rejections.Single().Line, second.Rejections.Single().Kind));
        Assert.Equal(("$.meterId", "not signed"), (third.Rejections.Single().Field, third.Rejections.Single().Reason));
        Assert.Equal(3_000_000, await Units(ledger, "alice"));
        Assert.Equal(1_000_000, await Units(ledger, "bob"));
    }

    [Fact]
    public async Task A_group_is_scored_once_per_segment_cut_only_where_a_report_id_repeats()
    {
        var ledger = new InMemoryLedgerStore();
        var scorer = Scorer();
        await Pipeline().RunGroupAsync(
            [new IngestionInput(Input([Line(1, "alice", 1), Line(2, "bob", 1)])), new IngestionInput(Input([Line(3, "carol", 1)])), new IngestionInput(Input([Line(4, "alice", 1)]))],
            MeterDecoder, scorer, ledger);
        Assert.Equal(1, scorer.Batches);

        // r5 in the first and the third input: the group is cut before the second copy, which is then a duplicate.
        var outcomes = await Pipeline().RunGroupAsync(
            [new IngestionInput(Input([Line(5, "alice", 1), Line(6, "bob", 1)])), new IngestionInput(Input([Line(7, "carol", 1)])), new IngestionInput(Input([Line(5, "alice", 1), Line(8, "bob", 1)]))],
            MeterDecoder, scorer, ledger);
        Assert.Equal(1 + 2, scorer.Batches);
        Assert.Equal(new IngestionSummary(2, 2, 0, 0, 0, 0, 2), outcomes[0].Summary);
        Assert.Equal(new IngestionSummary(1, 1, 0, 0, 0, 0, 1), outcomes[1].Summary);
        Assert.Equal(new IngestionSummary(2, 1, 1, 0, 0, 0, 1), outcomes[2].Summary);
    }

    [Fact]
    public async Task An_input_the_ledger_refuses_is_refused_alone_and_the_others_are_recorded()
    {
        var ledger = new InMemoryLedgerStore();
        // 5e12 points per reading: alice's second reading would push her past the range of Points.
        var scorer = Scorer(MeterScheme.Energy(rate: 1e7, version: "huge"));
        var outcomes = await Pipeline().RunGroupAsync(
            [
                new IngestionInput(Input([Line(1, "alice", 5e5, meter: "m1")])),
                new IngestionInput(Input([Line(2, "alice", 5e5, meter: "m1")])),
                new IngestionInput(Input([Line(3, "bob", 1, meter: "m2")])),
            ],
            MeterDecoder, scorer, ledger);

        Assert.True(outcomes[0].Succeeded);
        var refused = Assert.IsType<IngestionException>(outcomes[1].Error);
        Assert.Contains("lines 1..1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(IngestionSummary.Empty, outcomes[1].Summary);
        Assert.True(outcomes[2].Succeeded);
        Assert.Equal(5_000_000_000_000_000_000, await Units(ledger, "alice"));
        Assert.Equal(10_000_000_000_000, await Units(ledger, "bob"));
        Assert.False(await ledger.ContainsReportAsync(MeterScheme.SchemeName, "m1", "r2"));
    }

    [Fact]
    public async Task A_group_cancelled_before_it_commits_records_nothing()
    {
        var ledger = new InMemoryLedgerStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline().RunGroupAsync(
            [new IngestionInput(Input([Line(1, "alice", 1)])), new IngestionInput(Input([Line(2, "bob", 1)]))], MeterDecoder, Scorer(), ledger, cancelled.Token));
        Assert.Equal(0, (await ledger.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task A_prepared_input_is_not_read_again_and_is_written_whole_after_a_cancelled_group()
    {
        var ledger = new InMemoryLedgerStore();
        var scorer = Scorer();
        var rejects = new RejectList();
        var stream = Input([Line(1, "alice", 2), "{bad", Line(2, "bob", 1)]);
        var input = new IngestionInput(stream, rejects);
        Pipeline().Prepare(input, MeterDecoder, scorer.Scheme);
        await stream.DisposeAsync(); // prepared: the group reads the decoded reports, not the stream

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pipeline().RunGroupAsync([input], MeterDecoder, scorer, ledger, cancelled.Token));
        var outcome = (await Pipeline().RunGroupAsync([input], MeterDecoder, scorer, ledger)).Single();

        Assert.Equal(new IngestionSummary(3, 2, 0, 0, 0, 1, 2), outcome.Summary);
        Assert.Equal([2L], rejects.Rejections.Select(r => r.Line));
        Assert.Equal(2_000_000, await Units(ledger, "alice"));
    }

    [Fact]
    public async Task An_input_prepared_for_another_scheme_is_decoded_again_for_the_groups()
    {
        var ledger = new InMemoryLedgerStore();
        var scorer = Scorer();
        var input = new IngestionInput(Input([Line(1, "alice", 2)]));
        // Prepared for a scheme that scores no meter readings, the line would be refused: the group decodes it again.
        Pipeline().Prepare(input, MeterDecoder, new NoReports());
        input.Utf8Lines.Position = 0;

        var outcome = (await Pipeline().RunGroupAsync([input], MeterDecoder, scorer, ledger)).Single();

        Assert.Equal(new IngestionSummary(1, 1, 0, 0, 0, 0, 1), outcome.Summary);
        Assert.Equal(2_000_000, await Units(ledger, "alice"));
    }

    [Fact]
    public void A_group_records_what_the_same_inputs_record_one_run_each_in_order()
    {
        var accounts = Gen.Elements("alice", "bob", "carol", "banned");
        var line =
            from id in Gen.Choose(0, 30)
            from account in accounts
            from milliKwh in Gen.Choose(0, 1_000_000)
            select Line(id, account, milliKwh / 1000.0);
        var inputs = Gen.Choose(0, 6).SelectMany(n => Gen.Frequency((8, line), (1, Gen.Constant("{bad"))).ArrayOf(n)).ArrayOf();

        Prop.ForAll(inputs.ToArbitrary(), groups =>
        {
            var apart = new InMemoryLedgerStore();
            var scorer = Scorer();
            var one = groups.Select(g => Pipeline().RunAsync(Input(g), MeterDecoder, scorer, apart, settle: false).GetAwaiter().GetResult()).ToArray();

            var together = new RetryingLedgerStore(new InMemoryLedgerStore());
            var outcomes = Pipeline().RunGroupAsync(groups.Select(g => new IngestionInput(Input(g))).ToList(), MeterDecoder, Scorer(), together)
                .GetAwaiter().GetResult();
            // Prepared ahead (as a host does on its request threads), each input the same; the retrying store runs the group's
            // transaction twice over the same prepared reports.
            var preparedLedger = new RetryingLedgerStore(new InMemoryLedgerStore());
            var preparedScorer = Scorer();
            var prepared = groups.Select(g => new IngestionInput(Input(g))).ToList();
            prepared.ForEach(input => Pipeline().Prepare(input, MeterDecoder, preparedScorer.Scheme));
            var preparedOutcomes = Pipeline().RunGroupAsync(prepared, MeterDecoder, preparedScorer, preparedLedger).GetAwaiter().GetResult();
            return outcomes.Select(o => o.Summary).SequenceEqual(one) && State(apart).SequenceEqual(State(together))
                && preparedOutcomes.Select(o => o.Summary).SequenceEqual(one) && State(apart).SequenceEqual(State(preparedLedger));
        }).QuickCheckThrowOnFailure();

        static string[] State(ILedgerStore ledger) =>
            ledger.ListAccountTotalsAsync().ToBlockingEnumerable().Select(t => $"{t.Account}={t.Total.Units}")
                .Concat(ledger.ReadStateAsync(MeterScheme.SchemeName).ToBlockingEnumerable().Select(s => $"{s.Key}={Encoding.UTF8.GetString(s.Value)}"))
                .ToArray();
    }

    /// <summary>A scheme that scores no report type.</summary>
    private sealed class NoReports : PointsScheme
    {
        public override string Name => "none";

        public override string Description => "Scores nothing.";

        public override IReadOnlyList<ReportType> ReportTypes => [];

        public override IReadOnlyList<RuleSet> RuleSets => [];

        public override IReadOnlyList<Currency> Currencies => [new Currency("none", "none", ["energy"])];

        public override SchemeScorer CreateScorer(SchemeContext context) => throw new NotSupportedException("Only prepared for.");

        public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context) => throw new NotSupportedException("Only prepared for.");
    }
}
