using BenchmarkDotNet.Attributes;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Bench.Postgres;

/// <summary>
/// The all-time top-100 leaderboard (with the account count) of a PostgreSQL ledger holding one million accounts.
/// The ledger is filled through the store, once per server (schema <c>bench_million</c>). Needs
/// <c>SCORING_BENCH_POSTGRES</c>: run <c>bench/Scoring.Bench/Postgres/run.sh</c>.
/// </summary>
[Config(typeof(InProcessServerConfig))]
public class PostgresLeaderboardBenchmarks
{
    private const int LeaderboardAccounts = 1_000_000;

    private PostgresLedgerStore? _million;

    /// <summary>Fills (once per server) a ledger with one million accounts.</summary>
    [GlobalSetup]
    public void FillMillion()
    {
        _million = PostgresLedgerStore.OpenAsync(PostgresLedgerBenchmarks.Options("bench_million")).GetAwaiter().GetResult();
        long have = _million.GetSummaryAsync().GetAwaiter().GetResult().Reports;
        for (long at = have; at < LeaderboardAccounts; at += 10_000)
        {
            int start = (int)at;
            _million.AppendAsync(new LedgerBatch(Enumerable.Range(start, 10_000).Select(i => PostgresLedgerBenchmarks.Report(i, LeaderboardAccounts)))).GetAwaiter().GetResult();
        }
    }

    /// <summary>Closes the million-account store.</summary>
    [GlobalCleanup]
    public void CloseMillion() => _million?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The all-time top 100 of one million accounts (with the account count).</summary>
    [Benchmark]
    public Task<Leaderboard> LeaderboardTop100() => _million!.GetLeaderboardAsync(new LeaderboardQuery { Top = 100 });
}
