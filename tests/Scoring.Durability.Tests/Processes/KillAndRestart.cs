using Scoring.Durability.Tests.Harness;
using Scoring.Ledger;
using Xunit.Abstractions;

namespace Scoring.Durability.Tests.Processes;

/// <summary>
/// The real pipeline in a child process, killed with SIGKILL at random moments — during start-up, after a random number
/// of committed batches, most often inside an open transaction — and restarted on the same input each time, then run
/// to its end; the ledger must then be exactly one clean run's.
/// </summary>
internal static class KillAndRestart
{
    public const int BatchSize = 30;

    public static async Task RunAsync(string address, Func<Task<ILedgerStore>> open, string scheme, string folder, ITestOutputHelper output)
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var reports = HostInputs.Generate(scheme, random);
        string input = Path.Combine(folder, $"{scheme}-input.jsonl");
        ReportLines.Write(input, reports);
        int batches = (reports.Count + BatchSize - 1) / BatchSize;

        int interrupted = 0;
        for (int kill = 0; kill < 5; kill++)
        {
            // Each transaction is held open 5-15 ms after its work, so most kills land inside one (all written, nothing
            // committed) and no run gets to its end before it is killed.
            int pause = random.Next(5, 16);
            using var child = HostProcess.Start(address, scheme, input, BatchSize, pause);
            if (kill == 0)
            {
                await Task.Delay(random.Next(0, 400)); // anywhere, start-up included
            }
            else
            {
                await child.WaitForBatchesAsync(random.Next(1, batches - 5), HostInputs.ProcessLimit);
                await Task.Delay(random.Next(0, pause + 5));
            }
            child.KillHard();
            if (child.BatchesDone > 0 && !child.Finished)
                interrupted++;
            output.WriteLine($"run {kill + 1}: killed after {child.BatchesDone} of {batches} batches{(child.Finished ? " (it had finished)" : "")}");
        }
        using var final = HostProcess.Start(address, scheme, input, BatchSize);
        var summary = await final.SummaryAsync(HostInputs.ProcessLimit);
        Assert.Equal(reports.Count, summary.Read);
        Assert.True(interrupted > 0, $"seed {seed}: no kill landed in the middle of a run");
        output.WriteLine($"seed {seed}: {reports.Count} lines; the last run found {summary.Duplicates} duplicates, scored {summary.Scored}");

        var harness = HostInputs.Harness(scheme);
        await using var clean = new InMemoryLedgerStore();
        await harness.RunAsync(clean, reports, BatchSize, settle: true);
        await using var ledger = await open();
        LedgerImage.AssertSame(await LedgerImage.ReadAsync(clean, harness.Scheme), await LedgerImage.ReadAsync(ledger, harness.Scheme),
            $"seed {seed}, {interrupted} runs killed mid-way");
    }
}
