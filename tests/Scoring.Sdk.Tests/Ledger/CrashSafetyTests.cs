using Microsoft.Data.Sqlite;
using Scoring.Ledger;
using Scoring.Ledger.CrashHost;
using Scoring.Testing.Processes;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>
/// Real child processes ingest into one SQLite file, keeping scheme state in the same transactions: killed hard at
/// random moments and restarted from the start of their input, or writing concurrently. The file must end exactly as
/// one uninterrupted run, its state equal to its entries.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-crash-").FullName;

    /// <summary>A <c>Scoring.Ledger.CrashHost</c> child ingesting reports [first, first + count) into <paramref name="db"/>.</summary>
    private static ChildProcess StartCrashHost(string db, long first, long count, int batchSize, int pauseMs) =>
        ChildProcess.Start("Scoring.Ledger.CrashHost.dll",
            ["--db", db, "--first", $"{first}", "--count", $"{count}", "--batch-size", $"{batchSize}", "--pause-ms", $"{pauseMs}"]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Killed_and_restarted_ingestion_loses_nothing_and_counts_nothing_twice()
    {
        const int Reports = 12_000, BatchSize = 300, PauseMs = 5;
        string db = Path.Combine(_folder, "crash.db");
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int interrupted = 0;
        for (int kill = 0; kill < 4; kill++)
        {
            using var child = StartCrashHost(db, 0, Reports, BatchSize, PauseMs);
            // The first kill lands anywhere, start-up included; the others after a random number of committed
            // batches (the last 10 of 40 batches take at least 50 ms of pauses, so these always interrupt) plus a
            // random moment inside the next batch or pause.
            if (kill == 0)
                await Task.Delay(random.Next(0, 400));
            else
            {
                await child.WaitForBatchesAsync(random.Next(1, Reports / BatchSize - 10), ProcessLimit);
                await Task.Delay(random.Next(0, PauseMs + 3));
            }
            child.KillHard();
            if (child.BatchesDone > 0 && !child.Finished)
                interrupted++;
        }

        using (var final = StartCrashHost(db, 0, Reports, BatchSize, 0))
        {
            var done = await final.DoneAsync(ProcessLimit); // appended, duplicates
            Assert.Equal(Reports, done[0] + done[1]);
        }

        Assert.True(interrupted > 0, $"seed {seed}: no kill landed in the middle of an ingestion");
        await AssertLedgerEquals(db, 0, Reports, BatchSize, $"seed {seed}");
    }

    [Fact]
    public async Task Processes_writing_one_file_concurrently_add_up_exactly()
    {
        string db = Path.Combine(_folder, "shared.db");
        // A and B overlap on reports 2000..3999; C is disjoint from both. All start on a file that does not exist yet.
        var ranges = new (long First, long Count)[] { (0, 4_000), (2_000, 4_000), (6_000, 2_000) };
        var children = ranges.Select(r => StartCrashHost(db, r.First, r.Count, 200, 0)).ToList();
        try
        {
            long appended = 0, duplicates = 0;
            foreach (var child in children)
            {
                var done = await child.DoneAsync(ProcessLimit);
                (appended, duplicates) = (appended + done[0], duplicates + done[1]);
            }
            Assert.Equal(8_000, appended);
            Assert.Equal(2_000, duplicates);
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
        await AssertLedgerEquals(db, 0, 8_000, 200, "three writers");
    }

    private static async Task AssertLedgerEquals(string db, long first, long count, int batchSize, string context)
    {
        var expected = new InMemoryLedgerStore();
        foreach (var batch in SyntheticReports.Batches(first, count, 5_000))
            await expected.AppendAsync(batch);

        await using var actual = await SqliteLedgerStore.OpenAsync(db);
        var (want, got) = (await expected.GetSummaryAsync(), await actual.GetSummaryAsync());
        Assert.True(want == got, $"{context}: expected {want}, found {got}");
        var wantTotals = await expected.ListAccountTotalsAsync().ToListAsync();
        Assert.Equal(wantTotals, await actual.ListAccountTotalsAsync().ToListAsync());
        foreach (var account in wantTotals)
            Assert.Equal(await expected.ListPeerTotalsAsync(account.Account).ToListAsync(), await actual.ListPeerTotalsAsync(account.Account).ToListAsync());

        // Every report's entries are there exactly once, and are the ones it carries.
        var entries = await actual.ListEntriesAsync(new EntryQuery { Limit = int.MaxValue }).ToListAsync();
        var perReport = entries.GroupBy(e => e.ReportId).ToDictionary(g => g.Key, g => g.Select(e => (e.Kind, e.Amount, e.Account)).ToList());
        for (long i = first; i < first + count; i++)
        {
            var report = SyntheticReports.Report(i);
            Assert.Equal(report.Postings.Select(p => (p.Kind, p.Amount, p.Account)), perReport[report.ReportId]);
        }

        // State and entries were committed together: every batch's counter equals the reports of that batch in the
        // ledger (state without its entries would count a replayed batch twice; entries without their state, not at all).
        var state = await actual.ReadStateAsync(SyntheticReports.StateScheme).ToDictionaryAsync(p => p.Key, p => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(p.Value));
        var batches = new Dictionary<string, long>();
        for (long at = first; at < first + count; at += batchSize)
            batches[SyntheticReports.BatchStateKey(at)] = Math.Min(batchSize, first + count - at);
        batches[SyntheticReports.AppendedStateKey] = count;
        Assert.True(state.Count == batches.Count, $"{context}: {state.Count} state keys, expected {batches.Count}");
        foreach (var (key, expectedCount) in batches)
            Assert.True(state.GetValueOrDefault(key) == expectedCount, $"{context}: state {key} = {state.GetValueOrDefault(key)}, the ledger holds {expectedCount}");

        await actual.DisposeAsync();
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
    }
}
