using Npgsql;
using Scoring.Ledger;
using Scoring.Ledger.Worker;
using Scoring.Testing.Processes;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>
/// Several worker processes sharing one PostgreSQL ledger, each keeping a state counter in its write transactions:
/// nothing lost, nothing counted twice, state always committed with its entries.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkersTests(PostgresServer server) : IDisposable
{
    private const int Total = 6000;
    private const int Accounts = 150;
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-workers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [PostgresFact]
    public async Task Four_workers_with_overlapping_inputs_and_one_killed_mid_batch_equal_one_clean_sqlite_run()
    {
        string connectionString = await server.CreateDatabaseAsync();
        string url = server.Url(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        var limit = TimeSpan.FromSeconds(45);
        // Worker w gets reports [w·T/4, w·T/4 + T/2) (wrapping): every report is sent to exactly two workers.
        string[] Arguments(int w, string db, params string[] more) =>
            ["--db", db, "--total", $"{Total}", "--from", $"{w * Total / 4}", "--count", $"{Total / 2}", "--batch", "150", "--accounts", $"{Accounts}",
             "--state", "1", .. more];

        const int killedIn = 3;
        var workers = new ChildProcess[4];
        try
        {
            for (int w = 0; w < workers.Length; w++)
                workers[w] = w == 2
                    ? StartWorker(Arguments(w, url + "?application_name=killed-worker", "--hold-before", $"{killedIn}"))
                    : StartWorker(Arguments(w, url));

            // Trap worker 2 inside batch 3's transaction, whatever the machine's speed: it holds before the batch, a
            // share lock on the scheme_state table makes its state write wait (every batch writes state, even one whose
            // reports the other workers already recorded), and it is killed while it waits.
            await workers[2].WaitForLineAsync($"holding {killedIn}", limit);
            await using (var trap = new NpgsqlConnection(connectionString))
            {
                await trap.OpenAsync();
                await using var transaction = await trap.BeginTransactionAsync();
                await using (var command = new NpgsqlCommand("LOCK TABLE scoring_ledger.scheme_state IN SHARE MODE;", trap, transaction))
                    await command.ExecuteNonQueryAsync();
                workers[2].WriteLine(""); // lets a worker started with --hold-before go on
                await WaitUntilWaitingOnLockAsync(connectionString, "killed-worker", limit);
                Assert.Contains($"begin {killedIn}", workers[2].Lines);
                Assert.DoesNotContain(workers[2].Lines, l => l.StartsWith($"batch {killedIn} ", StringComparison.Ordinal));
                workers[2].KillHard();
                await transaction.RollbackAsync();
            }
            int committedBeforeKill = workers[2].BatchesDone;
            Assert.Equal(killedIn, committedBeforeKill);
            workers[2].Dispose();
            workers[2] = StartWorker(Arguments(2, url));

            var done = new List<(long Appended, long Duplicates)>();
            foreach (var worker in workers)
            {
                var numbers = await worker.DoneAsync(limit);
                done.Add((numbers[0], numbers[1]));
            }
            // The restarted worker replays its whole input: at least what it committed before the kill is duplicate.
            Assert.True(done[2].Duplicates >= committedBeforeKill * 150, $"restarted worker saw {done[2].Duplicates} duplicates");
            Assert.Equal(Total / 2, done[2].Appended + done[2].Duplicates);
        }
        finally
        {
            foreach (var worker in workers)
                worker?.Dispose();
        }

        await using var postgres = await Scoring.Ledger.Postgres.PostgresLedgerStore.OpenAsync(url);
        await using var sqlite = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "reference.db"));
        for (int at = 0; at < Total; at += 1000)
            await sqlite.AppendAsync(new LedgerBatch(Enumerable.Range(at, 1000).Select(i => WorkerReports.Create(i, Accounts))));

        Assert.Equal(await sqlite.ListAccountTotalsAsync().ToListAsync(), await postgres.ListAccountTotalsAsync().ToListAsync());
        var expected = await sqlite.GetSummaryAsync();
        var actual = await postgres.GetSummaryAsync();
        Assert.Equal((expected.Reports, expected.Entries, expected.Accounts, expected.LastReportTime),
            (actual.Reports, actual.Entries, actual.Accounts, actual.LastReportTime));
        Assert.Equal(Total, actual.Reports);
        // Every worker added what it appended to one state counter, in the transaction that appended it: the counter is
        // exactly the number of reports, so no update was lost to a concurrent one, doubled, or committed without its entries.
        var counter = Assert.Single(await postgres.ReadStateAsync(WorkerReports.StateScheme).ToListAsync());
        Assert.Equal((WorkerReports.AppendedStateKey, (long)Total), (counter.Key, System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(counter.Value)));
        var query = new LeaderboardQuery { Top = 1000, AsOf = WorkerReports.T0.AddSeconds(Total) };
        Assert.Equal((await sqlite.GetLeaderboardAsync(query)).Rows, (await postgres.GetLeaderboardAsync(query)).Rows);
        foreach (string account in new[] { "acct-000000", "acct-000077", "acct-000149" })
            Assert.Equal(await sqlite.ListPeerTotalsAsync(account).ToListAsync(), await postgres.ListPeerTotalsAsync(account).ToListAsync());
        // Entries are recorded once each: the windowed (aggregating) path agrees with the running totals.
        var window = new LedgerWindow(WorkerReports.T0, null);
        Assert.Equal(await sqlite.ListAccountTotalsAsync(window).ToListAsync(), await postgres.ListAccountTotalsAsync(window).ToListAsync());
    }

    /// <summary>Waits until the session named <paramref name="application"/> is blocked on a lock (inside its transaction).</summary>
    /// <summary>A <c>Scoring.Ledger.Worker</c> child; stdin is open for <c>--hold-before</c>.</summary>
    private static ChildProcess StartWorker(string[] arguments) => ChildProcess.Start("Scoring.Ledger.Worker.dll", arguments, input: true);

    private static async Task WaitUntilWaitingOnLockAsync(string connectionString, string application, TimeSpan limit)
    {
        // A separate connection: pg_stat_activity is a snapshot per transaction.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = @name AND wait_event_type = 'Lock' AND xact_start IS NOT NULL;", connection);
        command.Parameters.AddWithValue("name", application);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"'{application}' did not block on the entries lock within {limit}.");
            await Task.Delay(5);
        }
    }
}
