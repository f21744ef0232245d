using Scoring.Ingestion;
using Scoring.Testing.Processes;

namespace Scoring.Durability.Tests.Processes;

/// <summary><c>Scoring.Durability.Host</c>: the real pipeline in a child process the test can kill hard.</summary>
internal static class HostProcess
{
    /// <summary>Starts the child on <paramref name="input"/> (a JSON Lines file) into <paramref name="ledger"/> (a SQLite path or postgres:// URL).</summary>
    /// <param name="wait">The child waits for <see cref="Go"/> after opening the ledger.</param>
    public static ChildProcess Start(string ledger, string scheme, string input, int batchSize, int pauseMs = 0, int gapMs = 0, bool wait = false) =>
        ChildProcess.Start("Scoring.Durability.Host.dll",
            ["--ledger", ledger, "--scheme", scheme, "--input", input, "--batch-size", $"{batchSize}", "--pause-ms", $"{pauseMs}", "--gap-ms", $"{gapMs}", "--wait", wait ? "1" : "0"],
            input: wait);

    /// <summary>Lets a child started with <c>wait</c> begin scoring.</summary>
    public static void Go(this ChildProcess child) => child.WriteLine("go");

    /// <summary>Waits for the child to end and returns its counts; fails with its error line when it did not finish.</summary>
    public static async Task<IngestionSummary> SummaryAsync(this ChildProcess child, TimeSpan limit)
    {
        var n = await child.DoneAsync(limit);
        return new IngestionSummary(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }
}
