using Scoring.Durability.Tests.Harness;
using Scoring.Ledger;
using Scoring.Reports;
using Xunit.Abstractions;

namespace Scoring.Durability.Tests.Processes;

/// <summary>Two child processes scoring overlapping inputs into one ledger at the same time, and what must hold afterwards.</summary>
internal static class TwoWriters
{
    /// <summary>
    /// Runs two children, each settling at its end, into the ledger at <paramref name="address"/>: two collectors of one
    /// stream, each receiving two thirds of <paramref name="reports"/> in order (every third line goes to both); then checks that
    /// every line was counted once, every accepted report was scored by exactly one of them, and the ledger is one
    /// in-order run over the accepted reports.
    /// </summary>
    public static async Task RunAsync(string address, Func<Task<ILedgerStore>> open, string scheme, List<Report> reports, string folder, string context, ITestOutputHelper output)
    {
        List<Report>[] inputs = [reports.Where((_, i) => i % 3 != 2).ToList(), reports.Where((_, i) => i % 3 != 0).ToList()];
        var paths = new string[2];
        for (int w = 0; w < 2; w++)
        {
            paths[w] = Path.Combine(folder, $"writer-{w}.jsonl");
            ReportLines.Write(paths[w], inputs[w]);
        }
        // A short hold inside each transaction and a gap after it, so the two take turns often; equal batches keep them
        // near the same report times (a writer that falls behind by more than a reorder window or grace finds its reports late).
        var children = new[]
        {
            HostProcess.Start(address, scheme, paths[0], 25, pauseMs: 1, gapMs: 8, wait: true),
            HostProcess.Start(address, scheme, paths[1], 25, pauseMs: 1, gapMs: 8, wait: true),
        };
        try
        {
            // Both start scoring at one moment, with their ledgers open.
            await Task.WhenAll(children.Select(c => c.Ready)).WaitAsync(HostInputs.ProcessLimit);
            foreach (var child in children)
                child.Go();
            var summaries = await Task.WhenAll(children.Select(c => c.SummaryAsync(HostInputs.ProcessLimit)));
            for (int w = 0; w < 2; w++)
            {
                var s = summaries[w];
                output.WriteLine($"{context}, writer {w}: {s}");
                Assert.Equal(inputs[w].Count, s.Read);
                Assert.True(s.Scored + s.Duplicates + s.Conflicts + s.Late + s.Rejected == s.Read, $"{context}, writer {w}: the counts do not add up: {s}");
            }

            var harness = HostInputs.Harness(scheme);
            await using var ledger = await open();
            var accepted = await harness.AssertFunctionOfAcceptedAsync(ledger, reports, context);
            Assert.Equal(accepted.Count, summaries.Sum(s => s.Scored));
            // The overlap was sent twice: whatever one writer accepted of it, the other found as a duplicate.
            var both = reports.Where((_, i) => i % 3 == 1).ToHashSet();
            Assert.True(summaries.Sum(s => s.Duplicates) >= accepted.Count(both.Contains),
                $"{context}: fewer duplicates than accepted reports sent to both writers");
        }
        finally
        {
            foreach (var child in children)
                child.Dispose();
        }
    }
}
