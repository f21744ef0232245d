using Scoring.Durability.Tests.Harness;
using Scoring.Durability.Tests.Streams;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;

namespace Scoring.Durability.Tests.Properties;

/// <summary>
/// The claim, one execution shape at a time, for any scheme: the ledger is a function of the set of accepted reports
/// and their timestamps — the entries of one in-order run over them on an empty ledger, settled at the end — never of
/// batch sizes, restarts, file boundaries, replays or concurrent writers. Each check throws on a violation.
/// </summary>
internal static class DurabilityProperties
{
    /// <summary>Any batch size gives the same ledger (entries, totals, state) and the same counts as one batch.</summary>
    public static async Task AnyBatchSizeAsync(DurabilityCase c)
    {
        var harness = c.Setup.Harness;
        var random = new Random(c.Seed);
        int n = Math.Max(1, c.Reports.Length);
        await using var whole = new InMemoryLedgerStore();
        var one = await harness.RunAsync(whole, c.Reports, n, settle: true);
        await harness.AssertFunctionOfAcceptedAsync(whole, c.Reports, "one batch");

        int size = random.Next(1, n + 1);
        await using var batched = new InMemoryLedgerStore();
        var many = await harness.RunAsync(batched, c.Reports, size, settle: true);
        LedgerImage.AssertSame(await LedgerImage.ReadAsync(whole, harness.Scheme), await LedgerImage.ReadAsync(batched, harness.Scheme), $"batches of {size}");
        Assert.True(one.Summary == many.Summary, $"batches of {size}: {many.Summary}, one batch: {one.Summary}");
    }

    /// <summary>
    /// A new scorer and pipeline per chunk (a restarted process), nothing settled between chunks, settled at the end:
    /// the same ledger and counts as one run.
    /// </summary>
    public static async Task RestartsAsync(DurabilityCase c)
    {
        var harness = c.Setup.Harness;
        var random = new Random(c.Seed);
        await using var once = new InMemoryLedgerStore();
        var one = await harness.RunAsync(once, c.Reports, BatchSize(random, c), settle: true);

        await using var restarted = new InMemoryLedgerStore();
        var total = IngestionSummary.Empty;
        var chunks = Cut(random, c.Reports, random.Next(1, 5));
        for (int i = 0; i < chunks.Count; i++)
            total += (await harness.RunAsync(restarted, chunks[i], BatchSize(random, c), settle: i == chunks.Count - 1)).Summary;
        LedgerImage.AssertSame(await LedgerImage.ReadAsync(once, harness.Scheme), await LedgerImage.ReadAsync(restarted, harness.Scheme),
            $"{chunks.Count} runs of {string.Join(", ", chunks.Select(p => p.Length))} lines");
        Assert.True(one.Summary == total, $"restarted: {total}, one run: {one.Summary}");
        await harness.AssertFunctionOfAcceptedAsync(restarted, c.Reports, "restarted");
    }

    /// <summary>
    /// Each part of the input settled at its end (separate files without --keep-open): the ledger is one in-order run
    /// over the accepted reports; reports behind a watermark were counted as late and left nothing.
    /// </summary>
    public static async Task SettledSplitsAsync(DurabilityCase c)
    {
        var harness = c.Setup.Harness;
        var random = new Random(c.Seed);
        await using var ledger = new InMemoryLedgerStore();
        var runs = new List<PipelineRun>();
        foreach (var part in Cut(random, c.Reports, random.Next(1, 6)))
            runs.Add(await harness.RunAsync(ledger, part, BatchSize(random, c), settle: true));
        var accepted = await harness.AssertFunctionOfAcceptedAsync(ledger, c.Reports, $"{runs.Count} settled parts");
        Assert.Equal(accepted.Count, runs.Sum(r => r.Summary.Scored));
        await harness.AssertLeftNothingAsync(ledger, runs.SelectMany(r => r.Of(RejectionKind.Late)), "late reports");
        await harness.AssertLeftNothingAsync(ledger, runs.SelectMany(r => r.Of(RejectionKind.Rejected)), "rejected reports");
    }

    /// <summary>Running any prefix of the input again changes nothing: what was accepted is a duplicate now, the rest is refused again.</summary>
    public static async Task ReplaysAsync(DurabilityCase c)
    {
        var harness = c.Setup.Harness;
        var random = new Random(c.Seed);
        bool settled = random.Next(2) == 0;
        await using var ledger = new InMemoryLedgerStore();
        await harness.RunAsync(ledger, c.Reports, BatchSize(random, c), settle: settled);
        var before = await LedgerImage.ReadAsync(ledger, harness.Scheme);
        var accepted = (await harness.AcceptedAsync(ledger, c.Reports)).Select(harness.KeyOf).ToHashSet();

        var prefix = c.Reports[..random.Next(0, c.Reports.Length + 1)];
        // Settling again changes nothing once settled; unsettled, the replay must not settle either to compare.
        var replay = await harness.RunAsync(ledger, prefix, BatchSize(random, c), settle: settled && random.Next(2) == 0);
        LedgerImage.AssertSame(before, await LedgerImage.ReadAsync(ledger, harness.Scheme), $"after a replay of {prefix.Length} lines");
        Assert.True(replay.Summary.Scored == 0 && replay.Summary.Entries == 0, $"the replay scored: {replay.Summary}");
        Assert.Equal(prefix.Count(r => accepted.Contains(harness.KeyOf(r))), replay.Summary.Duplicates);
    }

    /// <summary>
    /// Two pipelines with their own scorers write batches of two overlapping inputs into one ledger, in a random
    /// interleaving: the ledger is one in-order run over the accepted reports, and every report was accepted once.
    /// </summary>
    public static async Task InterleavedWritersAsync(DurabilityCase c)
    {
        var harness = c.Setup.Harness;
        var random = new Random(c.Seed);
        int n = c.Reports.Length;
        int a = random.Next(0, n + 1), b = random.Next(0, n + 1);
        var inputs = new[] { c.Reports[..Math.Max(a, b)], c.Reports[Math.Min(a, b)..] };
        var turns = new WriteTurns(Enumerable.Range(0, 2 * n + 2).Select(_ => random.Next(2)).ToArray(), writers: 2);
        bool[] settle = [random.Next(3) > 0, random.Next(3) > 0];
        int[] sizes = [BatchSize(random, c), BatchSize(random, c)];

        await using var ledger = new InMemoryLedgerStore();
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            await using var store = new TurnTakingLedgerStore(ledger, turns, w);
            try
            {
                return await harness.RunAsync(store, inputs[w], sizes[w], settle[w]);
            }
            finally
            {
                turns.Finish(w);
            }
        })));
        // The operator settles at the end: a writer that settled before the other finished left the other's reports open.
        await harness.RunAsync(ledger, [], 1, settle: true);
        var accepted = await harness.AssertFunctionOfAcceptedAsync(ledger, c.Reports,
            $"writers of lines ..{Math.Max(a, b)} and {Math.Min(a, b)}.. in batches of {sizes[0]} and {sizes[1]} (settling: {settle[0]}, {settle[1]})");
        Assert.Equal(accepted.Count, runs.Sum(r => r.Summary.Scored));
    }

    /// <summary>Accepted reports re-sent with other content are conflicts and change nothing.</summary>
    public static async Task ConflictsAsync(DurabilityCase c)
    {
        var harness = c.Setup.Harness;
        var random = new Random(c.Seed);
        bool settled = random.Next(2) == 0;
        await using var ledger = new InMemoryLedgerStore();
        await harness.RunAsync(ledger, c.Reports, BatchSize(random, c), settle: settled);
        var before = await LedgerImage.ReadAsync(ledger, harness.Scheme);
        var accepted = await harness.AcceptedAsync(ledger, c.Reports);

        var altered = accepted.Where(_ => random.Next(3) == 0).Select(c.Setup.Alter).ToArray();
        var resent = await harness.RunAsync(ledger, altered, BatchSize(random, c), settle: settled);
        Assert.True(resent.Summary.Conflicts == altered.Length && resent.Summary.Scored == 0 && resent.Summary.Entries == 0,
            $"{altered.Length} re-sends with other content: {resent.Summary}");
        Assert.Equal(altered.Length, resent.Of(RejectionKind.Conflict).Count());
        LedgerImage.AssertSame(before, await LedgerImage.ReadAsync(ledger, harness.Scheme), "after the conflicting re-sends");
    }

    /// <summary>A batch size from 1 to the whole input, small ones more often.</summary>
    private static int BatchSize(Random random, DurabilityCase c) =>
        random.Next(3) == 0 ? Math.Max(1, c.Reports.Length) : random.Next(1, Math.Max(2, c.Reports.Length / 3 + 1));

    /// <summary>Cuts the input at up to <paramref name="cuts"/> random places (parts may be empty).</summary>
    private static List<Report[]> Cut(Random random, Report[] reports, int cuts)
    {
        var at = Enumerable.Range(0, cuts).Select(_ => random.Next(0, reports.Length + 1)).Order().Prepend(0).Append(reports.Length).ToArray();
        return at.Zip(at.Skip(1)).Select(p => reports[p.First..p.Second]).ToList();
    }
}
