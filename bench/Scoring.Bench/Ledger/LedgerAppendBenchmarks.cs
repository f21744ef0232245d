using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Scoring.Ledger;

namespace Scoring.Bench.Ledger;

/// <summary>
/// Appending 100,000 reports in 10,000-report batches into a SQLite ledger (one transaction per batch), and
/// offering the same 100,000 again (all duplicates). Results are per report (OperationsPerInvoke).
/// </summary>
[Config(typeof(LedgerBenchConfig))]
[MemoryDiagnoser]
public class LedgerAppendBenchmarks
{
    private const int Batches = 10, BatchSize = 10_000, Reports = Batches * BatchSize;

    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-bench-").FullName;
    private LedgerBatch[] _batches = [];
    private SqliteLedgerStore? _store;
    private SqliteLedgerStore? _full;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _batches = BenchReports.Batches(Batches, BatchSize, accounts: 20_000);
        _full = SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "full.db")).GetAwaiter().GetResult();
        foreach (var batch in _batches)
            _full.AppendAsync(batch).GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(AppendNew))]
    public void NewLedger() =>
        _store = SqliteLedgerStore.OpenAsync(Path.Combine(_folder, $"new-{_iteration++}.db")).GetAwaiter().GetResult();

    [IterationCleanup(Target = nameof(AppendNew))]
    public void CloseLedger() => _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>New reports: idempotency insert, entry insert and totals update for each.</summary>
    [Benchmark(OperationsPerInvoke = Reports)]
    public async Task<long> AppendNew()
    {
        long appended = 0;
        foreach (var batch in _batches)
            appended += (await _store!.AppendAsync(batch)).Appended;
        return appended == Reports ? appended : throw new InvalidOperationException($"appended {appended}");
    }

    /// <summary>Reports the ledger already has: each is detected as a duplicate and nothing is written.</summary>
    [Benchmark(OperationsPerInvoke = Reports)]
    public async Task<long> AppendDuplicates()
    {
        long duplicates = 0;
        foreach (var batch in _batches)
            duplicates += (await _full!.AppendAsync(batch)).Duplicates;
        return duplicates == Reports ? duplicates : throw new InvalidOperationException($"duplicates {duplicates}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _full?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
