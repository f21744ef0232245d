using System.Buffers.Binary;
using System.Globalization;
using Scoring.Ledger;
using Scoring.Ledger.CrashHost;

// Usage: Scoring.Ledger.CrashHost --db PATH --first N --count N [--batch-size N] [--pause-ms N] [--durability normal|full]
// Ingests SyntheticReports first..first+count-1 into the SQLite ledger at PATH, printing one line per batch,
// so a test can kill it at any moment and start it again from the beginning. Each batch is one write transaction
// that also keeps scheme state (SyntheticReports.StateScheme): under "batch/<first index>" how many of that batch's
// reports the ledger holds, and under "appended" how many reports in all, so the test can check that state and
// entries were always committed together.
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
long at = first;
foreach (var batch in SyntheticReports.Batches(first, count, batchSize))
{
    string batchKey = SyntheticReports.BatchStateKey(at);
    var (fresh, seen) = await ledger.WriteAsync(async (tx, ct) =>
    {
        var keys = batch.Reports.Select(ReportKey.Of).ToList();
        var statuses = await tx.ClassifyAsync(keys, ct);
        var reports = batch.Reports.Where((_, i) => statuses[i] == ReportKeyStatus.New).ToList();
        await tx.RecordAsync(reports.Select(ReportKey.Of).ToList(), ct);
        await tx.AppendEntriesAsync(reports, ct);
        var state = await tx.GetStateAsync(SyntheticReports.StateScheme, [batchKey, SyntheticReports.AppendedStateKey], ct);
        await tx.PutStateAsync(SyntheticReports.StateScheme,
        [
            Counter(batchKey, Read(state, batchKey) + reports.Count),
            Counter(SyntheticReports.AppendedStateKey, Read(state, SyntheticReports.AppendedStateKey) + reports.Count),
        ], ct);
        return (reports.Count, keys.Count - reports.Count);
    });
    appended += fresh;
    duplicates += seen;
    at += batch.Reports.Count;
    Console.WriteLine($"batch {fresh} {seen}");
    if (pauseMs > 0)
        await Task.Delay(pauseMs);
}
Console.WriteLine($"done {appended} {duplicates}");
return 0;

static long Read(IReadOnlyDictionary<string, byte[]> state, string key) =>
    state.TryGetValue(key, out var value) ? BinaryPrimitives.ReadInt64LittleEndian(value) : 0;

static KeyValuePair<string, byte[]?> Counter(string key, long value)
{
    var bytes = new byte[8];
    BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
    return KeyValuePair.Create<string, byte[]?>(key, bytes);
}
