using System.Globalization;
using Scoring.Ledger;
using Scoring.Ledger.CrashHost;

// Usage: Scoring.Ledger.CrashHost --db PATH --first N --count N [--batch-size N] [--pause-ms N] [--durability normal|full]
// Ingests SyntheticReports first..first+count-1 into the SQLite ledger at PATH, printing one line per batch,
// so a test can kill it at any moment and start it again from the beginning.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
    options[args[i]] = args[i + 1];
if (!options.TryGetValue("--db", out var db) || !options.ContainsKey("--first") || !options.ContainsKey("--count"))
{
    Console.Error.WriteLine("usage: --db PATH --first N --count N [--batch-size N] [--pause-ms N] [--durability normal|full]");
    return 2;
}
long first = long.Parse(options["--first"], CultureInfo.InvariantCulture);
long count = long.Parse(options["--count"], CultureInfo.InvariantCulture);
int batchSize = int.Parse(options.GetValueOrDefault("--batch-size", "500"), CultureInfo.InvariantCulture);
int pauseMs = int.Parse(options.GetValueOrDefault("--pause-ms", "0"), CultureInfo.InvariantCulture);
var durability = options.GetValueOrDefault("--durability", "normal") == "full" ? LedgerDurability.Full : LedgerDurability.Normal;

await using var ledger = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = db, Durability = durability });
Console.WriteLine("ready");
long appended = 0, duplicates = 0;
foreach (var batch in SyntheticReports.Batches(first, count, batchSize))
{
    var result = await ledger.AppendAsync(batch);
    appended += result.Appended;
    duplicates += result.Duplicates;
    Console.WriteLine($"batch {result.Appended} {result.Duplicates}");
    if (pauseMs > 0)
        await Task.Delay(pauseMs);
}
Console.WriteLine($"done {appended} {duplicates}");
return 0;
