using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;
using Scoring.Sdk.Tests.Ledger.Postgres;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.DependencyInjection;

/// <summary>How AddScoring finds, opens and names the ledger stores of the storage packages.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerRegistrationTests(PostgresServer server) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-ledger-di-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_sdk_alone_says_which_package_the_default_sqlite_ledger_needs()
    {
        await using var provider = new ServiceCollection().AddScoring().BuildServiceProvider();

        const string Expected = "Scoring:Ledger:Store: the ledger is a SQLite file, but no SQLite ledger provider is registered: " +
                                "reference the Scoring.Ledger.Sqlite package and call UseSqlite(path) or AddSqliteLedger()";
        Assert.Contains(Expected, Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message,
            StringComparison.Ordinal);
        // Outside a host, the first use says the same.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => provider.GetRequiredService<ILedgerStore>().GetSummaryAsync());
        Assert.Contains(Expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_ledger_without_its_package_names_the_package()
    {
        using var provider = Build(new() { ["Scoring:Ledger:Store"] = "Postgres", ["Scoring:Ledger:ConnectionString"] = "postgres://u@h/db" }, b => b.AddSqliteLedger());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Scoring:Ledger:Store: the ledger is a PostgreSQL server, but no PostgreSQL ledger provider is registered: " +
                        "reference the Scoring.Ledger.PostgreSql package and call UsePostgres(...) or AddPostgresLedger()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_factory_without_a_package_names_it_for_an_address()
    {
        var ledgers = new LedgerStoreFactory([new SqliteLedgerStoreProvider()]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledgers.OpenAsync("postgres://u@h/db"));
        Assert.Contains("reference the Scoring.Ledger.PostgreSql package", error.Message, StringComparison.Ordinal);
        Assert.False(new LedgerStoreFactory([]).Offers(LedgerStoreKind.Sqlite));
        await using var memory = await new LedgerStoreFactory([]).OpenAsync(new LedgerOptions { Store = LedgerStoreKind.InMemory });
        Assert.IsType<InMemoryLedgerStore>(memory);
    }

    [Fact]
    public async Task Configuration_picks_among_the_offered_stores()
    {
        string path = Path.Combine(_folder, "configured.db");
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "Sqlite", ["Scoring:Ledger:Path"] = path },
            b => b.AddSqliteLedger().AddPostgresLedger());

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(0, (await provider.GetRequiredService<ILedgerStore>().GetSummaryAsync()).Reports);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task The_ledger_opens_when_the_host_starts_not_when_it_is_resolved()
    {
        string path = Path.Combine(_folder, "started.db");
        await using var provider = Build(new(), b => b.UseSqlite(path));

        var ledger = provider.GetRequiredService<ILedgerStore>();
        Assert.False(File.Exists(path));
        foreach (var hosted in provider.GetServices<IHostedService>())
            await hosted.StartAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal(new AppendResult(1, 0, 1), await ledger.AppendAsync(Batch(Compute("r1", "alice", 5))));
    }

    [Fact]
    public async Task A_failed_open_is_tried_again_on_the_next_use()
    {
        string blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the ledger's folder should be");
        await using var provider = Build(new(), b => b.UseSqlite(Path.Combine(blocker, "ledger.db")));
        var ledger = provider.GetRequiredService<ILedgerStore>();

        await Assert.ThrowsAnyAsync<Exception>(() => ledger.GetSummaryAsync());
        File.Delete(blocker);

        Assert.Equal(0, (await ledger.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task A_disposed_container_closes_the_ledger_and_refuses_further_use()
    {
        var provider = Build(new(), b => b.UseSqlite(Path.Combine(_folder, "closed.db")));
        var ledger = provider.GetRequiredService<ILedgerStore>();
        await ledger.GetSummaryAsync();

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => ledger.GetSummaryAsync());
    }

    [Fact]
    public void Postgres_without_a_connection_string_or_a_data_source_fails_at_start()
    {
        using var provider = Build(new(), b => b.UsePostgres());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Scoring:Ledger:ConnectionString: is required when Store is Postgres and no NpgsqlDataSource is registered", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Postgres_uses_the_data_source_registered_in_di_and_leaves_it_open()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var services = new ServiceCollection();
        services.AddSingleton(dataSource);
        services.AddScoring(b => b.UsePostgres());
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var ledger = provider.GetRequiredService<ILedgerStore>();
            Assert.Equal(new AppendResult(1, 0, 1), await ledger.AppendAsync(Batch(Compute("r1", "alice", 5))));
        }

        // The container closed the ledger; the data source is still the host's and still works.
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM scoring_ledger.reports;");
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task A_connection_string_wins_over_a_registered_data_source()
    {
        string ledgerDatabase = await server.CreateDatabaseAsync();
        await using var other = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var services = new ServiceCollection();
        services.AddSingleton(other);
        services.AddScoring(b => b.UsePostgres(ledgerDatabase));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ILedgerStore>().AppendAsync(Batch(Compute("r1", "alice", 5)));

        await using var command = other.CreateCommand("SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'scoring_ledger';");
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task A_given_data_source_refuses_settings_it_cannot_apply()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());

        var connection = await Assert.ThrowsAsync<ArgumentException>(() =>
            PostgresLedgerStore.OpenAsync(dataSource, new PostgresLedgerOptions { ConnectionString = "Host=elsewhere" }));
        var commit = await Assert.ThrowsAsync<ArgumentException>(() =>
            PostgresLedgerStore.OpenAsync(dataSource, new PostgresLedgerOptions { SynchronousCommit = false }));

        Assert.Contains("must be empty when a data source is given", connection.Message, StringComparison.Ordinal);
        Assert.Contains("synchronous_commit=off", commit.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<ScoringBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddScoring(configure);
        return services.BuildServiceProvider();
    }
}
