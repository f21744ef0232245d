using Microsoft.Data.Sqlite;
using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

public sealed class SqliteLedgerStoreTests : LedgerStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-tests-").FullName;
    private int _files;

    protected override async Task<ILedgerStore> CreateAsync(TimeProvider time) =>
        await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = NewPath() }, time);

    // Each case opens a file; fewer cases keep the suite quick while still exploring.
    protected override int PropertyRuns => 40;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string NewPath() => Path.Combine(_folder, $"ledger-{Interlocked.Increment(ref _files)}.db");

    [Fact]
    public async Task Totals_and_idempotency_survive_reopening_the_file()
    {
        string path = NewPath();
        await using (var first = await SqliteLedgerStore.OpenAsync(path))
            await first.AppendAsync(Batch(Compute("r1", "alice", 5), Slash("s1", "alice", -2)));

        await using var second = await SqliteLedgerStore.OpenAsync(path);
        Assert.Equal(new AppendResult(1, 2, 1), await second.AppendAsync(Batch(Compute("r1", "alice", 5), Slash("s1", "alice", -2), Compute("r2", "bob", 1))));
        Assert.Equal(3, (await second.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(3, (await second.ListEntriesAsync(new EntryQuery()).ToListAsync()).Count);
    }

    [Fact]
    public async Task Committed_keys_are_read_outside_write_transactions_with_their_hashes()
    {
        await using var store = await SqliteLedgerStore.OpenAsync(NewPath());
        var recorded = Compute("r1", "alice", 5);
        await store.AppendAsync(Batch(recorded));
        using var keys = ((ICommittedKeysSource)store).OpenCommittedKeys();

        var found = keys.Lookup([ReportKey.Of(recorded), Key("r2", 7), Key("r1", 7, producer: "nobody-seen")]);

        Assert.Equal([new StoredKey(true, ReportKey.Of(recorded).ContentHash), StoredKey.Absent, StoredKey.Absent], found);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_the_chosen_synchronous_setting_and_current_schema()
    {
        string path = NewPath();
        await using (var store = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = path, Durability = LedgerDurability.Full }))
            await store.AppendAsync(Batch(Compute("r1", "alice", 5)));
        await using (await SqliteLedgerStore.OpenAsync(path))
        {
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(4L, Scalar(connection, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(4L, Scalar(connection, "SELECT MAX(version) FROM schema_version;"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_old_file_is_migrated_keeping_its_history_totals_and_report_keys(int version)
    {
        string path = NewPath();
        SqliteLegacyLedger.Create(path, version);
        await using (var store = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = path }, new ManualTime(LegacyLedger.T0.AddDays(1))))
            await LegacyLedger.AssertMigratedAsync(store);
        SqliteConnection.ClearAllPools();
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Assert.Equal(4L, Scalar(check, "SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(0L, Scalar(check, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'account_totals_by_rank';"));
        Assert.Equal(DBNull.Value, Scalar(check, "SELECT content_hash FROM reports WHERE report_id = 's-1';"));
        Assert.Equal("ok", Scalar(check, "PRAGMA integrity_check;"));
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => Scalar(check, "DELETE FROM reports;")).Message);
    }

    [Fact]
    public async Task A_version_3_file_is_migrated_keeping_content_hashes_ids_that_start_with_their_producer_and_state()
    {
        string path = NewPath();
        SqliteLegacyLedger.Create(path, 3);
        // As the version 3 writer stored a swarm report: its id is {peerId}@{timestamp}, its key carries the content hash.
        var swarm = With("peer-a@1767226020", "alice", 7,
            new LedgerPosting("alice", "peer-a", "compute", Points.FromUnits(40)),
            new LedgerPosting("alice", "peer-a", "presence", Points.FromUnits(10)) { ActiveSeconds = 60 }) with { Producer = "peer-a" };
        SqliteLegacyLedger.AddVersion3Report(path, swarm);
        SqliteLegacyLedger.AddVersion3State(path, "swarm", "account/alice", [1, 2, 3]);

        await using (var store = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = path }, new ManualTime(LegacyLedger.T0.AddDays(1))))
        {
            Assert.True(await store.ContainsReportAsync("swarm", "peer-a", "peer-a@1767226020"));
            Assert.False(await store.ContainsReportAsync("swarm", "peer-b", "peer-a@1767226020"));
            Assert.False(await store.ContainsReportAsync("swarm", "peer-a", "@1767226020"));
            await store.WriteAsync(async (tx, ct) =>
            {
                // The stored hash came along: the same content is a duplicate, other content a conflict.
                var changed = swarm with { Postings = [swarm.Postings[0] with { Amount = Points.FromUnits(41) }, swarm.Postings[1]] };
                Assert.Equal([ReportKeyStatus.Duplicate, ReportKeyStatus.Conflict], await tx.ClassifyAsync([ReportKey.Of(swarm), ReportKey.Of(changed) with { ReportId = swarm.ReportId }], ct));
                return 0;
            });
            var alice = (await store.GetAccountTotalsAsync("alice", scheme: "swarm"))!;
            Assert.Equal((165L, 120L, 5L), (alice.Total.Units, alice.ActiveSeconds, alice.EntryCount));
            var entries = await store.ListEntriesAsync(new EntryQuery { AfterSequence = 8 }).ToListAsync();
            Assert.Equal([(9L, "peer-a@1767226020", "compute", 40L), (10L, "peer-a@1767226020", "presence", 10L)],
                entries.Select(e => (e.Sequence, e.ReportId, e.Kind, e.Amount.Units)));
            Assert.Equal([1, 2, 3], Assert.Single(await store.ReadStateAsync("swarm").ToListAsync()).Value);

            // Appends go on after the migrated entries, and a new swarm id is stored after its producer's name.
            var next = With("peer-a@1767226080", "alice", 8, new LedgerPosting("alice", "peer-a", "compute", Points.FromUnits(1))) with { Producer = "peer-a" };
            Assert.Equal(new AppendResult(1, 1, 1), await store.AppendAsync(Batch(next, swarm)));
            Assert.Equal(11, (await store.ListEntriesAsync(new EntryQuery { ReportId = "peer-a@1767226080" }).SingleAsync()).Sequence);
        }
        SqliteConnection.ClearAllPools();
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Assert.Equal("blob", Scalar(check, "SELECT typeof(report_id) FROM reports WHERE content_hash IS NOT NULL AND report_id = CAST('@1767226080' AS BLOB);"));
        Assert.Equal(["peer-a@1767226020", "peer-a@1767226080"], Strings(check, "SELECT DISTINCT report_id FROM entry_rows WHERE seq > 8 ORDER BY seq;"));
        Assert.Equal("ok", Scalar(check, "PRAGMA integrity_check;"));
        foreach (var table in new[] { "entries", "entry_groups", "names", "reports" })
            Assert.Contains("append-only", Assert.Throws<SqliteException>(() => Scalar(check, $"DELETE FROM {table};")).Message);
    }

    [Fact]
    public async Task A_swarm_report_is_one_key_one_group_and_two_entries_with_its_id_stored_after_its_producer()
    {
        string path = NewPath();
        var report = With("12D3KooWpeer@1767225600.5", "alice", 1,
            new LedgerPosting("alice", "12D3KooWpeer", "compute", Points.FromUnits(7)),
            new LedgerPosting("alice", "12D3KooWpeer", "presence", Points.FromUnits(3)) { ActiveSeconds = 60 }) with { Producer = "12D3KooWpeer" };
        await using (var store = await SqliteLedgerStore.OpenAsync(path))
        {
            Assert.Equal(new AppendResult(1, 0, 2), await store.AppendAsync(Batch(report)));
            Assert.True(await store.ContainsReportAsync("swarm", "12D3KooWpeer", report.ReportId));
            Assert.Equal([report.ReportId, report.ReportId], (await store.ListEntriesAsync(new EntryQuery { Account = "alice" }).ToListAsync()).Select(e => e.ReportId));
        }
        SqliteConnection.ClearAllPools();
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Assert.Equal((1L, 1L, 2L), ((long)Scalar(check, "SELECT COUNT(*) FROM reports;")!, (long)Scalar(check, "SELECT COUNT(*) FROM entry_groups;")!, (long)Scalar(check, "SELECT COUNT(*) FROM entries;")!));
        Assert.Equal("@1767225600.5", Scalar(check, "SELECT CAST(report_id AS TEXT) FROM reports WHERE typeof(report_id) = 'blob';"));
        Assert.Equal(2L, Scalar(check, "SELECT entry_count FROM entry_groups;"));
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused()
    {
        string path = NewPath();
        await using (await SqliteLedgerStore.OpenAsync(path))
        {
        }
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "INSERT INTO schema_version(version, applied_at) VALUES (99, 0);");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteLedgerStore.OpenAsync(path));
        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public async Task History_cannot_be_edited_even_with_raw_sql()
    {
        string path = NewPath();
        await using (var store = await SqliteLedgerStore.OpenAsync(path))
            await store.AppendAsync(Batch(Compute("r1", "alice", 5)));
        SqliteConnection.ClearAllPools();

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => Scalar(connection, "UPDATE entries SET amount = 1;")).Message);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => Scalar(connection, "DELETE FROM entries;")).Message);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => Scalar(connection, "DELETE FROM reports;")).Message);
    }

    [Fact]
    public async Task Two_stores_on_one_file_appending_concurrently_add_up()
    {
        string path = NewPath();
        await using var a = await SqliteLedgerStore.OpenAsync(path);
        await using var b = await SqliteLedgerStore.OpenAsync(path);
        var reports = Enumerable.Range(0, 2000).Select(i => Compute($"r{i}", $"acct-{i % 17}", i)).ToArray();

        // Overlapping halves: reports 500..1499 are offered by both writers.
        var results = await Task.WhenAll(
            Task.Run(() => AppendAll(a, reports[..1500])),
            Task.Run(() => AppendAll(b, reports[500..])));

        Assert.Equal(2000, results.Sum(r => r.Appended));
        Assert.Equal(1000, results.Sum(r => r.Duplicates));
        var memory = new InMemoryLedgerStore();
        await memory.AppendAsync(new LedgerBatch(reports));
        Assert.Equal(await memory.ListAccountTotalsAsync().ToListAsync(), await a.ListAccountTotalsAsync().ToListAsync());
    }

    [Fact]
    public async Task A_write_retries_while_another_connection_holds_the_write_lock_and_runs_its_work_once_it_has_it()
    {
        string path = NewPath();
        await using var store = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = path, BusyTimeout = TimeSpan.FromMilliseconds(100), BusyRetries = 10 });
        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        int runs = 0;
        Task<int> write;
        using (var held = holder.BeginTransaction(deferred: false))
        {
            write = Task.Run(() => store.WriteAsync(async (tx, ct) =>
            {
                await tx.AppendEntriesAsync([Compute("r1", "alice", 5)], ct);
                await tx.PutStateAsync("swarm", [Put("k", "v")], ct);
                return ++runs;
            }));
            // Several busy timeouts pass: the write fails at BEGIN IMMEDIATE, before its work, and is retried.
            await Task.Delay(500);
            Assert.False(write.IsCompleted);
            Assert.Equal(0, runs);
        }

        Assert.Equal(1, await write);
        Assert.Equal(5, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Single(await store.ReadStateAsync("swarm").ToListAsync());
    }

    [Fact]
    public async Task A_busy_error_inside_the_work_runs_it_again_and_a_file_busy_past_the_retries_fails()
    {
        string path = NewPath();
        await using var store = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = path, BusyTimeout = TimeSpan.FromMilliseconds(50), BusyRetries = 1 });
        int runs = 0;
        await store.WriteAsync(async (tx, ct) =>
        {
            int run = ++runs;
            await tx.AppendEntriesAsync([Compute($"r{run}", "alice", run)], ct);
            await tx.PutStateAsync("swarm", [Put($"run-{run}", "x")], ct);
            // SQLITE_BUSY raised by a statement of the work: the whole work is rolled back and run again.
            if (run == 1)
                throw new SqliteException("database is locked", 5);
            return run;
        });
        Assert.Equal(2, runs);
        Assert.Equal(["r2"], (await store.ListEntriesAsync(new EntryQuery()).ToListAsync()).Select(e => e.ReportId));
        Assert.Equal(["run-2"], (await store.ReadStateAsync("swarm").ToListAsync()).Select(p => p.Key));

        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        using var held = holder.BeginTransaction(deferred: false);
        var busy = await Assert.ThrowsAsync<SqliteException>(() => store.AppendAsync(Batch(Compute("r9", "bob", 1))));
        Assert.Equal(5, busy.SqliteErrorCode);
    }

    [Theory]
    [InlineData("", 1, 0)]
    [InlineData("x.db", 0, 0)]
    [InlineData("x.db", 1, -1)]
    public async Task Bad_options_are_rejected(string path, int busySeconds, int retries)
    {
        var options = new SqliteLedgerOptions
        {
            Path = path == "" ? "" : Path.Combine(_folder, path),
            BusyTimeout = TimeSpan.FromSeconds(busySeconds),
            BusyRetries = retries,
        };
        await Assert.ThrowsAsync<ArgumentException>(() => SqliteLedgerStore.OpenAsync(options));
    }

    private static async Task<AppendResult> AppendAll(ILedgerStore store, LedgerReport[] reports)
    {
        int appended = 0, duplicates = 0, entries = 0;
        foreach (var chunk in reports.Chunk(100))
        {
            var r = await store.AppendAsync(new LedgerBatch(chunk));
            (appended, duplicates, entries) = (appended + r.Appended, duplicates + r.Duplicates, entries + r.Entries);
        }
        return new AppendResult(appended, duplicates, entries);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
