using Microsoft.Data.Sqlite;
using Scoring.Ledger;
using Xunit.Abstractions;

namespace Scoring.Durability.Tests.Processes;

/// <summary>
/// Two child processes score overlapping inputs into one SQLite file at the same time, each settling at its end: the
/// ledger is one in-order run over the reports it accepted, each accepted once, and every line is counted once.
/// </summary>
public sealed class SqliteWritersTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("durability-writers-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("swarm")]
    [InlineData("jobs")]
    public async Task Two_processes_with_overlapping_inputs_give_one_in_order_run_over_the_accepted_reports(string scheme)
    {
        int seed = Environment.TickCount;
        var reports = HostInputs.Generate(scheme, new Random(seed));
        string db = Path.Combine(_folder, "shared.db");
        await TwoWriters.RunAsync(db, async () => await SqliteLedgerStore.OpenAsync(db), scheme, reports, _folder, $"seed {seed}", output);
        HostInputs.AssertIntact(db);
    }
}
