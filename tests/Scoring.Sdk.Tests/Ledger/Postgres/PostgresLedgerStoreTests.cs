using Npgsql;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>What only the PostgreSQL store has: server schema, migrations, partitions, concurrent writers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerStoreTests(PostgresServer server)
{
    private static int s_schemas;

    [PostgresFact]
    public async Task Workers_starting_at_once_migrate_the_schema_exactly_once()
    {
        var options = await OptionsAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresLedgerStore.OpenAsync(options))));

        foreach (var store in stores)
            await store.DisposeAsync();
        Assert.Equal((long)PostgresSchema.LatestVersion, await ScalarAsync($"SELECT COUNT(*) FROM {options.Schema}.schema_version;"));
        Assert.Equal(2, await ScalarAsync($"SELECT MAX(version) FROM {options.Schema}.schema_version;"));
    }

    [PostgresFact]
    public async Task A_version_1_schema_is_migrated_keeping_its_history_totals_and_report_keys()
    {
        var options = await OptionsAsync();
        await PostgresLegacyLedger.CreateAsync(options.ConnectionString, options.Schema);

        await using (var store = await PostgresLedgerStore.OpenAsync(options, new ManualTime(LegacyLedger.T0.AddDays(1))))
            await LegacyLedger.AssertMigratedAsync(store);

        Assert.Equal(2, await ScalarAsync($"SELECT MAX(version) FROM {options.Schema}.schema_version;"));
        Assert.Equal(DBNull.Value, await ScalarAsync($"SELECT content_hash FROM {options.Schema}.reports WHERE report_id = 's-1';"));
        Assert.Equal((long)PostgresSchema.EntryPartitions, await ScalarAsync(
            $"SELECT COUNT(*) FROM pg_inherits WHERE inhparent = '{options.Schema}.reports'::regclass;"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync($"DELETE FROM {options.Schema}.reports"));
        Assert.Contains("append-only", error.MessageText);
    }

    [PostgresFact]
    public async Task A_deadlock_between_stateful_writers_is_retried_and_both_commit()
    {
        var options = await OptionsAsync();
        await using var store = await PostgresLedgerStore.OpenAsync(options);
        var bothHoldOne = new Barrier(2);
        int runs = 0;

        // Each writer locks one scheme's state, then wants the other's: a cycle PostgreSQL breaks by aborting one (40P01),
        // whose work the store runs again once the other has committed. Entries are appended only once both hold their
        // first lock (two writers recording the same new rule set wait on each other's row: they would never both get
        // there otherwise).
        Task<int> Writer(string first, string second, string report, string account) => store.WriteAsync(async (tx, ct) =>
        {
            int run = Interlocked.Increment(ref runs);
            await tx.PutStateAsync(first, [Put("owner", report)], ct);
            if (run <= 2)
                Assert.True(await Task.Run(() => bothHoldOne.SignalAndWait(TimeSpan.FromSeconds(30)), ct), "both writers should hold their first lock");
            await tx.AppendEntriesAsync([Compute(report, account, 1)], ct);
            await tx.PutStateAsync(second, [Put("owner", report)], ct);
            return run;
        });
        await Task.WhenAll(Writer("a", "b", "r1", "alice"), Writer("b", "a", "r2", "bob"));

        Assert.Equal(3, runs);
        Assert.Equal(["r1", "r2"], (await store.ListEntriesAsync(new EntryQuery()).ToListAsync()).Select(e => e.ReportId).Order());
        Assert.Equal(1, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(1, (await store.GetAccountTotalsAsync("bob"))!.Total.Units);
        // The writer that committed last owns both schemes' state.
        var owners = new[] { "a", "b" }.Select(scheme => System.Text.Encoding.UTF8.GetString(store.ReadStateAsync(scheme).ToBlockingEnumerable().Single().Value)).ToList();
        Assert.Equal(owners[0], owners[1]);
    }

    [PostgresFact]
    public async Task A_key_recorded_by_a_concurrent_transaction_after_classification_is_never_recorded_twice()
    {
        var options = await OptionsAsync();
        await using var store = await PostgresLedgerStore.OpenAsync(options);
        var report = Compute("r1", "alice", 5, producer: "peer-p");
        var classified = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<ReportKeyStatus>();

        // A classifies the key as new, then waits while B records it and commits; A's record must not succeed.
        var a = store.WriteAsync(async (tx, ct) =>
        {
            var status = (await tx.ClassifyAsync([ReportKey.Of(report)], ct))[0];
            lock (seen)
                seen.Add(status);
            if (status != ReportKeyStatus.New)
                return 0;
            classified.TrySetResult();
            await otherCommitted.Task.WaitAsync(ct);
            await tx.RecordAsync([ReportKey.Of(report)], ct);
            return await tx.AppendEntriesAsync([report], ct);
        });
        await classified.Task;
        Assert.Equal(new AppendResult(1, 0, 1), await store.AppendAsync(Batch(report)));
        otherCommitted.SetResult();

        Assert.Equal(0, await a);
        // A ran again after losing the race, and then saw the key as a duplicate.
        Assert.Equal([ReportKeyStatus.New, ReportKeyStatus.Duplicate], seen);
        Assert.Equal(5, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(1, (await store.GetSummaryAsync()).Reports);
    }

    [PostgresFact]
    public async Task A_schema_from_a_newer_version_is_refused()
    {
        var options = await OptionsAsync();
        await (await PostgresLedgerStore.OpenAsync(options)).DisposeAsync();
        await ScalarAsync($"INSERT INTO {options.Schema}.schema_version(version, applied_at) VALUES (99, 0);");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresLedgerStore.OpenAsync(options));
        Assert.Contains("version 99", error.Message);
    }

    [PostgresFact]
    public async Task History_cannot_be_edited_even_with_raw_sql()
    {
        var options = await OptionsAsync();
        await using (var store = await PostgresLedgerStore.OpenAsync(options))
            await store.AppendAsync(Batch(Compute("r1", "alice", 5)));

        foreach (string sql in new[] { "UPDATE {0}.entries SET amount = 1", "DELETE FROM {0}.entries", "DELETE FROM {0}.reports", "TRUNCATE {0}.entries" })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(string.Format(sql, options.Schema)));
            Assert.Contains("append-only", error.MessageText);
        }
    }

    [PostgresFact]
    public async Task Entries_are_hash_partitioned_by_account_and_each_account_lives_in_one_partition()
    {
        var options = await OptionsAsync();
        await using var store = await PostgresLedgerStore.OpenAsync(options);
        await store.AppendAsync(new LedgerBatch(Enumerable.Range(0, 400).Select(i => Compute($"r{i}", $"acct-{i % 40}", i, peer: $"p{i % 3}"))));

        Assert.Equal((long)PostgresSchema.EntryPartitions, await ScalarAsync(
            $"SELECT COUNT(*) FROM pg_inherits WHERE inhparent = '{options.Schema}.entries'::regclass;"));
        Assert.Equal(40L, await ScalarAsync(
            $"SELECT COUNT(*) FROM (SELECT account FROM {options.Schema}.entries GROUP BY account HAVING COUNT(DISTINCT tableoid) = 1) a;"));
        Assert.True((long)(await ScalarAsync($"SELECT COUNT(DISTINCT tableoid) FROM {options.Schema}.entries;"))! > 1);
    }

    [PostgresFact]
    public async Task Concurrent_stores_with_overlapping_batches_on_shared_accounts_add_up()
    {
        var options = await OptionsAsync();
        // No retries: a deadlock or serialization failure would surface here instead of being absorbed.
        options.Retries = 0;
        var stores = new List<PostgresLedgerStore>();
        for (int i = 0; i < 4; i++)
            stores.Add(await PostgresLedgerStore.OpenAsync(options));
        // Few accounts and peers, so every batch of every writer locks rows the others want too.
        var reports = Enumerable.Range(0, 3000).Select(i => Compute($"r{i}", $"acct-{i % 7}", i, minute: i % 500, peer: $"p{i % 3}")).ToArray();
        try
        {
            var results = await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
            {
                // Each writer offers every report, in its own order and batch size.
                var mine = reports.ToArray();
                new Random(w).Shuffle(mine);
                int appended = 0, duplicates = 0;
                foreach (var chunk in mine.Chunk(50 + 25 * w))
                {
                    var r = await store.AppendAsync(new LedgerBatch(chunk));
                    (appended, duplicates) = (appended + r.Appended, duplicates + r.Duplicates);
                }
                return (appended, duplicates);
            })));

            Assert.Equal(3000, results.Sum(r => r.appended));
            Assert.Equal(3 * 3000, results.Sum(r => r.duplicates));
            var memory = new InMemoryLedgerStore();
            await memory.AppendAsync(new LedgerBatch(reports));
            Assert.Equal(await memory.ListAccountTotalsAsync().ToListAsync(), await stores[0].ListAccountTotalsAsync().ToListAsync());
            foreach (string account in new[] { "acct-0", "acct-6" })
                Assert.Equal(await memory.ListPeerTotalsAsync(account).ToListAsync(), await stores[0].ListPeerTotalsAsync(account).ToListAsync());
        }
        finally
        {
            foreach (var store in stores)
                await store.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_peer_sum_beyond_64_bits_is_reported_when_queried_while_the_account_total_fits()
    {
        var options = await OptionsAsync();
        await using var store = await PostgresLedgerStore.OpenAsync(options);
        // The account's totals and parts fit (an account-wide adjustment cancels the peer's compute); the peer's sum does not.
        await store.AppendAsync(Batch(
            Compute("c1", "alice", long.MaxValue, peer: "gpu-a"),
            LedgerReport.Manual("swarm", "a1", T0, "alice", "", PostingKinds.Adjustment, Points.FromUnits(-long.MaxValue), "refund", "op")));
        await store.AppendAsync(Batch(
            LedgerReport.Manual("swarm", "a2", T0, "alice", "gpu-a", PostingKinds.Adjustment, Points.FromUnits(10), "bonus", "op")));

        Assert.Equal(10, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        var error = await Assert.ThrowsAsync<LedgerOverflowException>(async () => await store.ListPeerTotalsAsync("alice").ToListAsync());
        Assert.IsType<PostgresException>(error.InnerException);
    }

    [PostgresFact]
    public async Task Ledgers_in_different_schemas_of_one_database_are_independent()
    {
        await using var a = await PostgresLedgerStore.OpenAsync(await OptionsAsync());
        await using var b = await PostgresLedgerStore.OpenAsync(await OptionsAsync());
        await a.AppendAsync(Batch(Compute("r1", "alice", 5)));

        Assert.Equal(new AppendResult(1, 0, 1), await b.AppendAsync(Batch(Compute("r1", "alice", 7))));
        Assert.Equal(5, (await a.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(7, (await b.GetAccountTotalsAsync("alice"))!.Total.Units);
    }

    [PostgresFact]
    public async Task The_factory_opens_postgres_for_a_url()
    {
        string database = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()).Database!;
        await using var store = await new LedgerStoreFactory([new PostgresLedgerStoreProvider()]).OpenAsync(server.Url(database) + "?schema=from_url");

        var postgres = Assert.IsType<PostgresLedgerStore>(store);
        Assert.Equal("from_url", postgres.Schema);
        Assert.Equal(new AppendResult(1, 0, 1), await store.AppendAsync(Batch(Compute("r1", "alice", 5))));
    }

    [PostgresTheory]
    [InlineData(true, "on")]
    [InlineData(false, "off")]
    public async Task Synchronous_commit_is_the_sessions_setting(bool synchronous, string expected)
    {
        var options = await OptionsAsync();
        options.SynchronousCommit = synchronous;
        await using var dataSource = PostgresLedgerStore.CreateDataSource(options);
        await using var command = dataSource.CreateCommand("SHOW synchronous_commit;");
        Assert.Equal(expected, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task An_unreachable_server_fails_opening_with_the_driver_error()
    {
        var options = new PostgresLedgerOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Timeout=2", Retries = 0 };
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => PostgresLedgerStore.OpenAsync(options));
    }

    private async Task<PostgresLedgerOptions> OptionsAsync() => new()
    {
        ConnectionString = await server.ConnectionStringAsync(),
        Schema = $"store_{Interlocked.Increment(ref s_schemas)}",
    };

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await server.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
