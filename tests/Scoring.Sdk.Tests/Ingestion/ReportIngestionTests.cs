using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Reports;
using Scoring.Sdk.Tests.Schemes;

using static Scoring.Sdk.Tests.Ingestion.MeterIngestion;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary>The pipeline with a test-only scheme: batches, refusals of every kind, idempotency, settling, durable state.</summary>
public class ReportIngestionTests
{
    private static Task<IngestionSummary> Run(ILedgerStore ledger, string[] lines, MeterScorer? scorer = null, int batchSize = 1000,
        IRejectSink? rejects = null, bool settle = true, Func<Report, (string Field, string Reason)?>? admit = null) =>
        Pipeline(batchSize).RunAsync(Input(lines), MeterDecoder, scorer ?? Scorer(), ledger, rejects, settle, admit: admit);

    private static async Task<int> Readings(ILedgerStore ledger, string meter)
    {
        await foreach (var (_, value) in ledger.ReadStateAsync(MeterScheme.SchemeName, "readings/" + meter))
            return JsonSerializer.Deserialize<int>(value);
        return 0;
    }

    [Fact]
    public async Task Scores_good_lines_and_sends_bad_ones_to_the_rejects_sink_in_line_order()
    {
        var ledger = new InMemoryLedgerStore();
        var rejectsStream = new MemoryStream();
        var rejects = new RejectsFile(rejectsStream);
        var summary = await Run(ledger,
            [
                Line(1, "alice", 2),
                "{not json",
                Line(3, "banned", 1),
                Line(4, "bob", 1),
                "{\"type\":\"meter\",\"id\":\"x\"}",
                Line(6, "alice", 3),
            ],
            batchSize: 2, rejects: rejects, settle: false);

        Assert.Equal(new IngestionSummary(Read: 6, Scored: 3, Duplicates: 0, Conflicts: 0, Late: 0, Rejected: 3, Entries: 3), summary);
        Assert.Equal(5_000_000, await Units(ledger, "alice"));
        Assert.Equal(1_000_000, await Units(ledger, "bob"));

        var lines = Encoding.UTF8.GetString(rejectsStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([2L, 3L, 5L], lines.Select(l => l.GetProperty("line").GetInt64()));
        Assert.Equal("{not json", lines[0].GetProperty("raw").GetString());
        Assert.Equal(("$.account", "account is banned"), (lines[1].GetProperty("field").GetString(), lines[1].GetProperty("reason").GetString()));
        Assert.Equal(("$.meterId", "is required"), (lines[2].GetProperty("field").GetString(), lines[2].GetProperty("reason").GetString()));
        // A report the scheme refused is written back as its type writes it.
        Assert.Equal(MeterReadingType.Instance.ToJson(new MeterReading("r3", "m0", "banned", 1, 3, T0 + 90)), lines[1].GetProperty("raw").GetString());
    }

    [Fact]
    public async Task Running_twice_on_the_same_input_changes_nothing_and_counts_duplicates()
    {
        var ledger = new InMemoryLedgerStore();
        string[] input = [Line(1, "alice", 2), Line(2, "bob", 1), Line(3, "alice", 1)];
        var first = await Run(ledger, input, batchSize: 2);
        var after = await ledger.GetSummaryAsync();
        var scorer = Scorer();
        var second = await Run(ledger, input, scorer, batchSize: 2);

        // The first run's entries: three readings and the closing entry its settling posted.
        Assert.Equal(new IngestionSummary(3, 3, 0, 0, 0, 0, 4), first);
        Assert.Equal(new IngestionSummary(3, 0, 3, 0, 0, 0, 0), second);
        Assert.Equal(0, scorer.Batches); // duplicates never reach the scheme
        Assert.Equal(after, await ledger.GetSummaryAsync());
        Assert.Equal(3_000_000, await Units(ledger, "alice"));
        Assert.Equal(1_000_000, await Units(ledger, "grid")); // settled twice, closed once
    }

    [Fact]
    public async Task An_id_sent_again_with_other_content_is_a_conflict_counted_and_refused_with_the_reason()
    {
        var ledger = new InMemoryLedgerStore();
        await Run(ledger, [Line(1, "alice", 2, meter: "m1")], settle: false);
        var rejects = new RejectList();
        // r1 again from m1 with another kWh (conflict), and twice in this input with new content: the first is new, the second a conflict.
        var summary = await Run(ledger, [Line(1, "alice", 7, meter: "m1"), Line(2, "alice", 1, meter: "m1"), Line(2, "alice", 5, meter: "m1"), Line(2, "alice", 1, meter: "m1")],
            rejects: rejects, settle: false);

        Assert.Equal(new IngestionSummary(4, 1, 1, 2, 0, 0, 1), summary);
        Assert.Equal(3_000_000, await Units(ledger, "alice"));
        Assert.Equal([1L, 3L], rejects.Rejections.Select(r => r.Line));
        Assert.All(rejects.Rejections, r => Assert.Equal(RejectionKind.Conflict, r.Kind));
        Assert.Equal(
            "conflict: 'm1' sent report id 'r1' before with different content; a re-sent report must be identical, new work needs a new id",
            rejects.Rejections[0].Reason);
        Assert.Equal(2, await Readings(ledger, "m1"));
    }

    [Fact]
    public async Task Report_ids_are_bound_to_their_producer()
    {
        var ledger = new InMemoryLedgerStore();
        // m2 sends an id m1 uses: both readings count, each under its own producer.
        var summary = await Run(ledger, [Line(1, "mallory", 1, meter: "m2"), Line(1, "alice", 2, meter: "m1")], settle: false);

        Assert.Equal(2, summary.Scored);
        Assert.Equal(2_000_000, await Units(ledger, "alice"));
        Assert.True(await ledger.ContainsReportAsync(MeterScheme.SchemeName, "m1", "r1"));
        Assert.True(await ledger.ContainsReportAsync(MeterScheme.SchemeName, "m2", "r1"));
    }

    [Fact]
    public async Task Settling_moves_the_watermark_and_a_later_report_at_or_before_it_is_late()
    {
        var ledger = new InMemoryLedgerStore();
        var scorer = Scorer();
        await Run(ledger, [Line(1, "alice", 2), Line(2, "alice", 1)], scorer);
        Assert.Equal(1, scorer.Settlements);

        var rejects = new RejectList();
        var summary = await Run(ledger, [Line(3, "alice", 4, timestamp: T0 + 60), Line(4, "alice", 8, timestamp: T0 + 59), Line(5, "alice", 16, timestamp: T0 + 61)],
            rejects: rejects, settle: false);

        Assert.Equal(new IngestionSummary(3, 1, 0, 0, 2, 0, 1), summary);
        Assert.Equal(19_000_000, await Units(ledger, "alice"));
        Assert.Equal([RejectionKind.Late, RejectionKind.Late], rejects.Rejections.Select(r => r.Kind));
        Assert.Equal(("$.timestamp", "late reading: 1767225660 is at or before the watermark 1767225660"), (rejects.Rejections[0].Field, rejects.Rejections[0].Reason));
    }

    [Fact]
    public async Task Without_settling_nothing_is_held_back_and_a_later_file_may_go_back_in_time()
    {
        var ledger = new InMemoryLedgerStore();
        var scorer = Scorer();
        await Run(ledger, [Line(2, "alice", 1)], scorer, settle: false);
        var summary = await Run(ledger, [Line(1, "alice", 2)], settle: false);
        Assert.Equal(0, scorer.Settlements);
        Assert.Equal(1, summary.Scored);
        Assert.Equal(0, await Units(ledger, "grid"));
    }

    [Fact]
    public async Task A_refused_batch_stops_the_run_with_its_lines_and_keeps_the_entries_and_state_before_it()
    {
        var ledger = new InMemoryLedgerStore();
        // 5e12 points per reading: the second pushes alice past the range of Points, so the ledger refuses that batch.
        var scorer = Scorer(MeterScheme.Energy(rate: 1e7, version: "huge"));
        var error = await Assert.ThrowsAsync<IngestionException>(() =>
            Run(ledger, [Line(1, "alice", 5e5, meter: "m1"), Line(2, "alice", 5e5, meter: "m1"), Line(3, "bob", 1, meter: "m1")], scorer, batchSize: 1));

        Assert.Contains("lines 2..2", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Summary.Scored);
        Assert.Equal(5_000_000_000_000_000_000, await Units(ledger, "alice"));
        Assert.Equal(0, await Units(ledger, "bob"));
        Assert.Equal(1, await Readings(ledger, "m1")); // the refused batch's state went with its entries
        Assert.False(await ledger.ContainsReportAsync(MeterScheme.SchemeName, "m1", "r2"));
    }

    [Fact]
    public async Task A_rule_output_that_cannot_be_points_voids_that_report_only()
    {
        var ledger = new InMemoryLedgerStore();
        var rejects = new RejectList();
        // 1e6 kWh × 1e7 is beyond the range of Points: that reading is voided, the batch goes on.
        var summary = await Run(ledger, [Line(1, "alice", 1e-6), Line(2, "alice", 1e6), Line(3, "bob", 2e-6)],
            Scorer(MeterScheme.Energy(rate: 1e7, version: "huge")), rejects: rejects, settle: false);

        Assert.Equal(new IngestionSummary(3, 2, 0, 0, 0, 1, 2), summary);
        Assert.Equal(10_000_000, await Units(ledger, "alice"));
        Assert.Equal(20_000_000, await Units(ledger, "bob"));
        Assert.Equal(("$.kwh", $"voided: {EvaluationError.PointsOutOfRange}"), (rejects.Rejections.Single().Field, rejects.Rejections.Single().Reason));
        // Refused, so not recorded: a fixed rule set may score it when it is sent again.
        Assert.False(await ledger.ContainsReportAsync(MeterScheme.SchemeName, "m2", "r2"));
        Assert.Equal(1, (await Run(ledger, [Line(2, "alice", 1e6)], settle: false)).Scored);
    }

    [Fact]
    public async Task A_line_of_another_schemes_type_and_a_report_the_host_does_not_admit_are_rejected_before_scoring()
    {
        var ledger = new InMemoryLedgerStore();
        var rejects = new RejectList();
        var summary = await Run(ledger,
            [Line(1, "alice", 1), """{"type":"alarm","id":"a1","meterId":"m1","code":"tamper"}""", Line(3, "alice", 1, meter: "unsigned")],
            rejects: rejects, settle: false,
            admit: report => report.Producer == "unsigned" ? ("$.meterId", "the reading is not signed by its meter") : null);

        Assert.Equal(new IngestionSummary(3, 1, 0, 0, 0, 2, 1), summary);
        Assert.Equal(("$.type", "the meter scheme scores \"meter\" reports, not \"alarm\""), (rejects.Rejections[0].Field, rejects.Rejections[0].Reason));
        Assert.Equal(("$.meterId", "the reading is not signed by its meter"), (rejects.Rejections[1].Field, rejects.Rejections[1].Reason));
    }

    [Fact]
    public async Task Empty_input_scores_nothing_and_settling_finds_nothing_to_settle()
    {
        var ledger = new InMemoryLedgerStore();
        var scorer = Scorer();
        var summary = await Run(ledger, [], scorer);
        Assert.Equal(IngestionSummary.Empty, summary);
        Assert.Equal((0, 1), (scorer.Batches, scorer.Settlements));
        Assert.Equal(0, (await ledger.GetSummaryAsync()).Entries);
    }

    [Fact]
    public async Task Progress_is_reported_after_each_committed_batch()
    {
        var seen = new List<IngestionSummary>();
        await Pipeline(2).RunAsync(Input(Line(1, "a", 1), Line(2, "a", 1), Line(3, "a", 1)), MeterDecoder, Scorer(), new InMemoryLedgerStore(),
            settle: false, progress: new SynchronousProgress(p => seen.Add(p.Summary)));
        Assert.Equal([2L, 3L], seen.Select(s => s.Read));
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 0 })));
        Assert.Contains("IngestionOptions.BatchSize", error.Message, StringComparison.Ordinal);
        var workers = Assert.Throws<OptionsValidationException>(() => new ReportIngestion(Options.Create(new IngestionOptions { DecodeWorkers = -1 })));
        Assert.Contains("IngestionOptions.DecodeWorkers", workers.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Totals_and_state_do_not_depend_on_batch_size_order_duplication_or_transaction_retries()
    {
        var accounts = Gen.Elements("alice", "bob", "carol", "banned");
        var reports = Gen.Choose(0, 40).SelectMany(n => Gen.Zip(accounts, Gen.Choose(0, 1_000_000)).ArrayOf(n));
        var cases =
            (from items in reports
             from batchSize in Gen.Choose(1, 7)
             from seed in Gen.Choose(0, 1000)
             select (items, batchSize, seed)).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var (items, batchSize, seed) = c;
            string[] lines = items.Select((x, i) => Line(i, x.Item1, x.Item2 / 1000.0)).ToArray();
            var random = new Random(seed);
            string[] shuffledWithDuplicates = lines.Concat(lines.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToArray();

            var reference = Outcome(new InMemoryLedgerStore(), lines, 1000);
            var other = Outcome(new RetryingLedgerStore(new InMemoryLedgerStore()), shuffledWithDuplicates, batchSize);
            return reference.SequenceEqual(other);
        }).QuickCheckThrowOnFailure();

        static string[] Outcome(ILedgerStore ledger, string[] lines, int batchSize)
        {
            Run(ledger, lines, batchSize: batchSize).GetAwaiter().GetResult();
            var totals = ledger.ListAccountTotalsAsync().ToBlockingEnumerable().Select(t => $"{t.Account}={t.Total.Units}");
            var state = ledger.ReadStateAsync(MeterScheme.SchemeName).ToBlockingEnumerable().Select(s => $"{s.Key}={Encoding.UTF8.GetString(s.Value)}");
            return totals.Concat(state).ToArray();
        }
    }

    [Fact]
    public async Task A_store_that_runs_each_transaction_again_records_each_report_once()
    {
        var plain = new InMemoryLedgerStore();
        var retrying = new RetryingLedgerStore(new InMemoryLedgerStore());
        string[] input = [Line(1, "alice", 2), "{bad", Line(3, "banned", 1), Line(1, "alice", 3), Line(4, "bob", 1)];
        var expected = await Run(plain, input, batchSize: 2);
        var actual = await Run(retrying, input, batchSize: 2);

        Assert.Equal(expected, actual);
        Assert.Equal(3, retrying.RolledBack); // two batches of two reports each, and the settlement
        Assert.Equal(await plain.GetSummaryAsync(), await retrying.GetSummaryAsync());
    }

    [Fact]
    public async Task The_decoding_side_starts_no_batch_beyond_those_in_flight()
    {
        // Batches of 10, one in flight. The writer stalls after its first batch (in the progress callback, on its loop):
        // the second batch may be decoded and wait, a third may not be started, so only 20 reports reach the admission
        // rule. A batch decoded further ahead would live through two commits and reach the GC's oldest generation.
        var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 10, BatchesInFlight = 1, DecodeWorkers = 1 }));
        var stalled = new TaskCompletionSource();
        var resume = new TaskCompletionSource();
        int admitted = 0;
        var progress = new SynchronousProgress(_ =>
        {
            stalled.TrySetResult();
            resume.Task.Wait();
        });
        var run = Task.Run(() => pipeline.RunAsync(Input(Enumerable.Range(1, 50).Select(i => Line(i, "alice", 1))), MeterDecoder, Scorer(), new InMemoryLedgerStore(),
            progress: progress, admit: _ =>
            {
                Interlocked.Increment(ref admitted);
                return null;
            }));

        await stalled.Task.WaitAsync(TimeSpan.FromMinutes(1));
        while (Volatile.Read(ref admitted) < 20)
            await Task.Delay(10);
        await Task.Delay(300); // the decoding side's chance to start a third batch, which it must not take
        Assert.Equal(20, Volatile.Read(ref admitted));

        resume.SetResult();
        var summary = await run;
        Assert.Equal((50L, 50L), (summary.Scored, (long)admitted));
    }

    private sealed class SynchronousProgress(Action<IngestionProgress> report) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => report(value);
    }
}
