using Microsoft.Extensions.DependencyInjection;
using Scoring;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

// A consumer of every published package: if this builds and exits 0, they are usable together.
var total = Points.Sum([Points.FromDouble(0.0825), Points.FromDouble(1.0), Points.FromUnits(1)]);
string expected = "1.082501";
Console.WriteLine($"package consumer: total {total} (expected {expected})");
if (total.ToString() != expected)
    return 1;

// One host offering every store and backend: a --db style address picks the store.
var services = new ServiceCollection();
services.AddScoring(scoring => scoring.AddSqliteLedger().AddPostgresLedger().UseOpenCl().AddBuiltInSchemes());
await using var provider = services.BuildServiceProvider();
var ledgers = provider.GetRequiredService<LedgerStoreFactory>();
string file = Path.Combine(Path.GetTempPath(), $"consumer-{Guid.NewGuid():N}.db");
await using (var ledger = await ledgers.OpenAsync(file))
    Console.WriteLine($"package consumer: {ledger.GetType().Name} at {file}, {(await ledger.GetSummaryAsync()).Reports} reports");
File.Delete(file);
try
{
    await ledgers.OpenAsync("postgres://nobody");
    return 1;
}
catch (FormatException error)
{
    Console.WriteLine($"package consumer: a bad server address says why: {error.Message}");
}
return 0;
