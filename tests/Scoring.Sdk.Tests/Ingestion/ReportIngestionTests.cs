using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ingestion;

public class ReportIngestionTests
{
    private const double T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

    private static string Line(int i, string account, double flops) =>
        $"{{\"type\":\"swarm\",\"id\":\"r{i}\",\"peerId\":\"p{i % 3}\",\"account\":\"{account}\",\"timestamp\":{T0 + i * 30},\"flopsSinceLast\":{flops}}}";

    private static MemoryStream Input(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    private static ReportIngestion Pipeline(int batchSize) => new(Options.Create(new IngestionOptions { BatchSize = batchSize }));

    [Fact]
    public async Task Scores_good_lines_and_sends_bad_ones_to_the_rejects_sink_in_line_order()
    {
        var ledger = new InMemoryLedgerStore();
        var rejectsStream = new MemoryStream();
        var rejects = new RejectsFile(rejectsStream);
        var summary = await Pipeline(2).RunAsync(Input(
                Line(1, "alice", 2e15),
                "{not json",
                Line(3, "banned", 1e15),
                Line(4, "bob", 1e15),
                "{\"type\":\"swarm\",\"id\":\"x\"}",
                Line(6, "alice", 3e15)),
            new FlatScorer(), ledger, rejects);

        Assert.Equal(new IngestionSummary(Read: 6, Scored: 3, Duplicates: 0, Rejected: 3, Entries: 3), summary);
        Assert.Equal(5_000_000, (await ledger.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(1_000_000, (await ledger.GetAccountTotalsAsync("bob"))!.Total.Units);

        var lines = Encoding.UTF8.GetString(rejectsStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([2L, 3L, 5L], lines.Select(l => l.GetProperty("line").GetInt64()));
        Assert.Equal("{not json", lines[0].GetProperty("raw").GetString());
        Assert.Equal("account is banned", lines[1].GetProperty("reason").GetString());
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task Running_twice_on_the_same_input_changes_no_total_and_counts_duplicates()
    {
        var ledger = new InMemoryLedgerStore();
        string[] input = [Line(1, "alice", 2e15), Line(2, "bob", 1e15), Line(3, "alice", 1e15)];
        var first = await Pipeline(2).RunAsync(Input(input), new FlatScorer(), ledger);
        var totalsAfterFirst = await ledger.GetSummaryAsync();
        var second = await Pipeline(2).RunAsync(Input(input), new FlatScorer(), ledger);

        Assert.Equal(3, first.Scored);
        Assert.Equal(new IngestionSummary(3, 0, 3, 0, 0), second);
        Assert.Equal(totalsAfterFirst, await ledger.GetSummaryAsync());
        Assert.Equal(3_000_000, (await ledger.GetAccountTotalsAsync("alice"))!.Total.Units);
    }

    [Fact]
    public async Task A_refused_batch_stops_the_run_with_the_lines_and_keeps_earlier_batches()
    {
        var ledger = new InMemoryLedgerStore();
        // 9e12 points each: the second pushes alice past the range of Points, so the ledger refuses that batch.
        var error = await Assert.ThrowsAsync<IngestionException>(() => Pipeline(1).RunAsync(
            Input(Line(1, "alice", 9e27), Line(2, "alice", 9e27), Line(3, "bob", 1e15)), new FlatScorer(), ledger));

        Assert.Contains("lines 2..2", error.Message);
        Assert.Equal(1, error.Summary.Scored);
        Assert.Equal(9_000_000_000_000_000_000, (await ledger.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Null(await ledger.GetAccountTotalsAsync("bob"));
    }

    [Fact]
    public async Task Empty_input_scores_nothing()
    {
        var scorer = new FlatScorer();
        var summary = await Pipeline(10).RunAsync(new MemoryStream(), scorer, new InMemoryLedgerStore());
        Assert.Equal(IngestionSummary.Empty, summary);
        Assert.Equal(0, scorer.Batches);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 0 })));
        Assert.Contains("IngestionOptions.BatchSize", error.Message);
    }

    [Fact]
    public void Totals_do_not_depend_on_batch_size_order_or_duplication()
    {
        var accounts = Gen.Elements("alice", "bob", "carol", "banned");
        var reports = Gen.Choose(0, 40).SelectMany(n =>
            Gen.Zip(accounts, Gen.Choose(0, 1_000_000)).ArrayOf(n));
        var cases =
            (from items in reports
             from batchSize in Gen.Choose(1, 7)
             from seed in Gen.Choose(0, 1000)
             select (items, batchSize, seed)).ToArbitrary();

        Prop.ForAll(cases, c =>
        {
            var (items, batchSize, seed) = c;
            string[] lines = items.Select((x, i) => Line(i, x.Item1, x.Item2 * 1e9)).ToArray();
            var random = new Random(seed);
            string[] shuffledWithDuplicates = lines.Concat(lines.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToArray();

            var reference = Totals(lines, 1000);
            var other = Totals(shuffledWithDuplicates, batchSize);
            return reference.SequenceEqual(other);
        }).QuickCheckThrowOnFailure();

        static (string, long)[] Totals(string[] lines, int batchSize)
        {
            var ledger = new InMemoryLedgerStore();
            Pipeline(batchSize).RunAsync(Input(lines), new FlatScorer(), ledger).GetAwaiter().GetResult();
            return ledger.ListAccountTotalsAsync().ToBlockingEnumerable().Select(t => (t.Account, t.Total.Units)).ToArray();
        }
    }
}
