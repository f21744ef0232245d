using Npgsql;
using Scoring.Durability.Tests.Processes;
using Scoring.Ledger.Postgres;
using Scoring.Sdk.Tests.Ledger.Postgres;
using Xunit.Abstractions;

namespace Scoring.Durability.Tests.Postgres;

/// <summary>
/// The same claims on PostgreSQL (the throwaway server of the ledger tests; skipped where its binaries are missing,
/// a failure with SCORING_REQUIRE_POSTGRES=1): two child processes scoring overlapping inputs into one database at
/// once, and a child killed with SIGKILL at random moments and restarted.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDurabilityTests(PostgresServer server, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("durability-postgres-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [PostgresTheory]
    [InlineData("swarm")]
    [InlineData("jobs")]
    public async Task Two_processes_with_overlapping_inputs_give_one_in_order_run_over_the_accepted_reports(string scheme)
    {
        string url = await NewDatabaseAsync();
        int seed = Environment.TickCount;
        await TwoWriters.RunAsync(url, async () => await PostgresLedgerStore.OpenAsync(url), scheme, HostInputs.Generate(scheme, new Random(seed)), _folder, $"seed {seed}", output);
    }

    [PostgresTheory]
    [InlineData("swarm")]
    [InlineData("jobs")]
    public async Task Killed_at_random_moments_and_restarted_the_ledger_equals_one_clean_run(string scheme)
    {
        string url = await NewDatabaseAsync();
        await KillAndRestart.RunAsync(url, async () => await PostgresLedgerStore.OpenAsync(url), scheme, _folder, output);
    }

    private async Task<string> NewDatabaseAsync() =>
        server.Url(new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()).Database!);
}
