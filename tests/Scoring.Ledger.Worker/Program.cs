using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;
using Scoring.Ledger.Worker;

// Usage: Scoring.Ledger.Worker --db <sqlite path | postgres:// URL> --total N --from I --count C [--batch B] [--accounts A]
//                              [--hold-before K] [--state 1] [--shape mixed|swarm] [--shard W/S]
//        Scoring.Ledger.Worker --tsv PATH [the same input options]
// Appends reports I, I+1, … (C of them, wrapping at N) in batches of B. Prints "ready", then "begin K" before and
// "batch K APPENDED DUPLICATES" after each batch, and finally "done APPENDED DUPLICATES ENTRIES SECONDS CPU_SECONDS"
// (wall and process CPU time since the store was opened). With --hold-before K it prints "holding K" before batch K
// and waits for a line on standard input, so a test can set a trap (a table lock) at a known point instead of racing
// a fast worker; --hold-before 0 starts both clocks at that line, so several workers can be started at once. With
// --state 1 each batch is one WriteAsync that classifies, records and appends the reports itself and then adds the
// number it appended to the state counter WorkerReports.AppendedStateKey (read-modify-write under its key's lock), so
// a test can check that concurrent and killed workers never lose or double a state update, and never commit one
// without its entries.
// --shape swarm: pure swarm reports (WorkerReports.Swarm) instead of the mixed schemes and kinds the tests use.
// --shard W/S: only the reports whose account is worker W's of S (the input split by account, WorkerReports.Shard).
// --tsv PATH: writes the input, one line per report (report id, account, peer, units, report time in ticks), for
// PostgreSQL's \copy and sqlite3's .import, instead of appending it (bench/Scoring.Bench/Postgres/scale.sh).
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
    options[args[i].TrimStart('-')] = args[i + 1];
options.TryGetValue("tsv", out string? tsv);
if (!options.TryGetValue("db", out string? db) && tsv is null)
{
    Console.Error.WriteLine("--db is required: a SQLite file path or a postgres:// URL (or --tsv PATH to write the input).");
    return 2;
}
long Number(string name, long fallback)
{
    if (!options.TryGetValue(name, out string? text)) return fallback;
    return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= 0
        ? value
        : throw new ArgumentException($"--{name} '{text}' is not a non-negative integer.");
}
long total, from, count;
int batchSize, accounts;
long holdBefore;
bool keepState;
Func<long, int, LedgerReport> create;
(int Index, int Of) shard;
try
{
    (total, from) = (Number("total", 10_000), Number("from", 0));
    count = Number("count", total);
    holdBefore = Number("hold-before", -1);
    keepState = Number("state", 0) != 0;
    (batchSize, accounts) = ((int)Math.Clamp(Number("batch", 500), 1, 1_000_000), (int)Math.Clamp(Number("accounts", 1000), 1, int.MaxValue));
    if (total == 0)
        throw new ArgumentException("--total must be at least 1.");
    create = options.GetValueOrDefault("shape", "mixed") switch
    {
        "mixed" => WorkerReports.Create,
        "swarm" => WorkerReports.Swarm,
        var other => throw new ArgumentException($"--shape '{other}' is neither 'mixed' nor 'swarm'."),
    };
    shard = ParseShard(options.GetValueOrDefault("shard", "0/1"));
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (tsv is not null)
{
    await using var file = new StreamWriter(tsv);
    long rows = 0;
    foreach (var report in Input())
    {
        var first = report.Postings[0];
        long units = report.Postings.Sum(p => p.Amount.Units);
        await file.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.ReportId}\t{first.Account}\t{first.Peer}\t{units}\t{report.ReportTime.UtcTicks}"));
        rows++;
    }
    Console.WriteLine($"wrote {rows}");
    return 0;
}
ILedgerStore store;
try
{
    store = await new LedgerStoreFactory([new SqliteLedgerStoreProvider(), new PostgresLedgerStoreProvider()]).OpenAsync(db!);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
await using var _ = store;
Console.WriteLine("ready");
var clock = Stopwatch.StartNew();
double cpuAtStart = CpuSeconds();
long appended = 0, duplicates = 0, entries = 0;
int k = 0;
foreach (var reports in Input().Chunk(batchSize))
{
    if (k == holdBefore)
    {
        Console.WriteLine($"holding {k}");
        await Console.In.ReadLineAsync();
        if (k == 0)
            (clock, cpuAtStart) = (Stopwatch.StartNew(), CpuSeconds());
    }
    Console.WriteLine($"begin {k}");
    var result = keepState ? await AppendKeepingStateAsync(store, reports) : await store.AppendAsync(new LedgerBatch(reports));
    (appended, duplicates, entries) = (appended + result.Appended, duplicates + result.Duplicates, entries + result.Entries);
    Console.WriteLine($"batch {k} {result.Appended} {result.Duplicates}");
    k++;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"done {appended} {duplicates} {entries} {clock.Elapsed.TotalSeconds:F3} {CpuSeconds() - cpuAtStart:F3}"));
return 0;

// Reports from, from + 1, … (count of them, wrapping at total) that belong to this worker's shard.
IEnumerable<LedgerReport> Input()
{
    for (long i = 0; i < count; i++)
    {
        long index = (from + i) % total;
        if (shard.Of == 1 || WorkerReports.Shard(WorkerReports.Account(index, accounts), shard.Of) == shard.Index)
            yield return create(index, accounts);
    }
}

static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static (int Index, int Of) ParseShard(string text)
{
    var parts = text.Split('/');
    return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
        && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int of) && of >= 1 && index < of
        ? (index, of)
        : throw new ArgumentException($"--shard '{text}' is not W/S with 0 <= W < S (worker W of S).");
}

// The transaction API as a stateful scheme uses it: keys first, then entries, then state (whose lock is taken last,
// so workers only wait for each other at the end of a batch).
static Task<AppendResult> AppendKeepingStateAsync(ILedgerStore store, LedgerReport[] reports) => store.WriteAsync(async (tx, ct) =>
{
    var keys = reports.Select(ReportKey.Of).ToList();
    var statuses = await tx.ClassifyAsync(keys, ct);
    var fresh = reports.Where((_, i) => statuses[i] == ReportKeyStatus.New).ToList();
    await tx.RecordAsync(fresh.Select(ReportKey.Of).ToList(), ct);
    int written = await tx.AppendEntriesAsync(fresh, ct);
    var state = await tx.GetStateAsync(WorkerReports.StateScheme, [WorkerReports.AppendedStateKey], ct);
    long before = state.TryGetValue(WorkerReports.AppendedStateKey, out var value) ? BinaryPrimitives.ReadInt64LittleEndian(value) : 0;
    var after = new byte[8];
    BinaryPrimitives.WriteInt64LittleEndian(after, before + fresh.Count);
    await tx.PutStateAsync(WorkerReports.StateScheme, [KeyValuePair.Create<string, byte[]?>(WorkerReports.AppendedStateKey, after)], ct);
    int duplicates = statuses.Count(s => s == ReportKeyStatus.Duplicate);
    return new AppendResult(fresh.Count, duplicates, written, reports.Length - fresh.Count - duplicates);
});
