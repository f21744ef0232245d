using System.Globalization;
using Microsoft.Extensions.Options;
using Scoring.Durability.Host;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;
using Scoring.Schemes;

// Usage: Scoring.Durability.Host --ledger <sqlite path | postgres:// URL> --scheme swarm|jobs --input FILE
//                                [--batch-size N] [--pause-ms N] [--gap-ms N] [--keep-open 1] [--rejects FILE] [--wait 1]
// Scores FILE with the real pipeline (ReportIngestion) and scheme (DurabilitySchemes) into the ledger, as the CLI's
// score command would, so a test can kill it at any moment, restart it on the same input, or run two side by side.
// Prints "ready" once the ledger is open, "batch SCORED DUPLICATES CONFLICTS LATE REJECTED" (the counts so far) after
// each committed batch, and "done READ SCORED DUPLICATES CONFLICTS LATE REJECTED ENTRIES" at the end. --pause-ms holds
// each write transaction open that long before it commits, so a kill often lands inside one; --gap-ms waits that long
// after each commit, so a second process waiting for SQLite's write lock gets it (its busy handler polls, it does not queue).
// --wait 1 waits for a line on standard input after "ready", so a test can start several processes at one moment.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
    options[args[i].TrimStart('-')] = args[i + 1];
if (!options.TryGetValue("ledger", out var address) || !options.TryGetValue("scheme", out var name) || !options.TryGetValue("input", out var input))
{
    Console.Error.WriteLine("usage: --ledger <sqlite path | postgres:// URL> --scheme swarm|jobs --input FILE [--batch-size N] [--pause-ms N] [--gap-ms N] [--keep-open 1] [--rejects FILE] [--wait 1]");
    return 2;
}
try
{
    int batchSize = int.Parse(options.GetValueOrDefault("batch-size", "100"), CultureInfo.InvariantCulture);
    int pauseMs = int.Parse(options.GetValueOrDefault("pause-ms", "0"), CultureInfo.InvariantCulture);
    int gapMs = int.Parse(options.GetValueOrDefault("gap-ms", "0"), CultureInfo.InvariantCulture);
    bool settle = options.GetValueOrDefault("keep-open", "0") != "1";

    var scheme = DurabilitySchemes.Named(name);
    var registry = new SchemeRegistry([scheme]);
    using var scorer = scheme.CreateScorer(new SchemeContext(registry.CreateRuleSets()));
    await using var opened = await new LedgerStoreFactory([new SqliteLedgerStoreProvider(), new PostgresLedgerStoreProvider()]).OpenAsync(address);
    await using var ledger = pauseMs > 0 ? new PausingLedgerStore(opened, TimeSpan.FromMilliseconds(pauseMs)) : (ILedgerStore)opened;
    using var rejects = options.TryGetValue("rejects", out var rejectsPath) ? new RejectsFile(rejectsPath) : null;
    Console.WriteLine("ready");
    if (options.GetValueOrDefault("wait", "0") == "1")
        Console.ReadLine();

    var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = batchSize }));
    await using var stream = File.OpenRead(input);
    var s = await pipeline.RunAsync(stream, registry.Decoder, scorer, ledger, rejects, settle, new CommittedBatches(gapMs));
    Console.WriteLine($"done {s.Read} {s.Scored} {s.Duplicates} {s.Conflicts} {s.Late} {s.Rejected} {s.Entries}");
    return 0;
}
catch (Exception exception)
{
    // One line for the test to show: the kind of failure and its message.
    Console.Error.WriteLine($"{exception.GetType().Name}: {exception.Message}");
    return 1;
}

/// <summary>
/// Prints the counts after each committed batch, synchronously, so a test reading them knows what is committed; then
/// waits the gap before the pipeline writes its next batch.
/// </summary>
internal sealed class CommittedBatches(int gapMs) : IProgress<IngestionProgress>
{
    public void Report(IngestionProgress value)
    {
        var s = value.Summary;
        Console.WriteLine($"batch {s.Scored} {s.Duplicates} {s.Conflicts} {s.Late} {s.Rejected}");
        if (gapMs > 0)
            Thread.Sleep(gapMs);
    }
}
