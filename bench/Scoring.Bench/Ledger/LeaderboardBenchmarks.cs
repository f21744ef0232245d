using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Scoring.Ledger;

namespace Scoring.Bench.Ledger;

/// <summary>Leaderboard queries on a SQLite ledger of 1,000,000 accounts (one report each).</summary>
[Config(typeof(LedgerBenchConfig))]
public class LeaderboardBenchmarks
{
    private const int Accounts = 1_000_000;

    // Building the ledger takes a while; keep it between runs (it is rebuilt when missing or incomplete).
    private static readonly string LedgerPath = Path.Combine(Path.GetTempPath(), "scoring-bench-ledger-1m-v3.db");

    private SqliteLedgerStore? _store;
    private readonly LeaderboardQuery _allTime = new() { Top = 100, AsOf = BenchReports.Start.AddSeconds(Accounts) };
    private readonly LeaderboardQuery _lastHour = new()
    {
        Top = 100,
        Window = new(BenchReports.Start.AddSeconds(Accounts - 3600), null),
        AsOf = BenchReports.Start.AddSeconds(Accounts),
    };

    [GlobalSetup]
    public void Setup()
    {
        _store = SqliteLedgerStore.OpenAsync(LedgerPath).GetAwaiter().GetResult();
        var summary = _store.GetSummaryAsync().GetAwaiter().GetResult();
        for (long first = summary.Reports; first < Accounts; first += 10_000)
            _store.AppendAsync(BenchReports.Batches(1, 10_000, Accounts, first)[0]).GetAwaiter().GetResult();
    }

    /// <summary>All-time top 100: one bounded sort over the running totals (no rank index since schema v2), plus the account count.</summary>
    [Benchmark]
    public Task<Leaderboard> Top100AllTime() => _store!.GetLeaderboardAsync(_allTime);

    /// <summary>The rank of one mid-table account among all of them.</summary>
    [Benchmark]
    public Task<LeaderboardRow?> RankOfOneAccount() => _store!.GetRankAsync("account-0500000", _allTime);

    /// <summary>Top 100 of a one-hour window: aggregates the window's entries through the report-time index.</summary>
    [Benchmark]
    public Task<Leaderboard> Top100LastHour() => _store!.GetLeaderboardAsync(_lastHour);

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
    }
}
