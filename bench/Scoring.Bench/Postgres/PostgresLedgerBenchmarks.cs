using BenchmarkDotNet.Attributes;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Bench.Postgres;

/// <summary>
/// Ingestion into the PostgreSQL ledger with 1, 2 and 4 concurrent workers (each its own store and connection
/// pool, disjoint reports, shared accounts); reported per report.
/// Needs a server: run <c>bench/Scoring.Bench/Postgres/run.sh</c>, which starts a throwaway one and sets
/// <c>SCORING_BENCH_POSTGRES</c> (a <c>postgres://</c> URL).
/// </summary>
[Config(typeof(InProcessServerConfig))]
public class PostgresLedgerBenchmarks
{
    /// <summary>Reports per ingestion invocation (split evenly across the workers).</summary>
    public const int ReportsPerRun = 24_000;

    private const int BatchSize = 1_000;
    private const int Accounts = 10_000;

    private readonly List<PostgresLedgerStore> _workers = [];
    private int _run;

    /// <summary>Concurrent writers.</summary>
    [Params(1, 2, 4)]
    public int Workers { get; set; }

    internal static PostgresLedgerOptions Options(string schema)
    {
        string url = Environment.GetEnvironmentVariable("SCORING_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set SCORING_BENCH_POSTGRES to a postgres:// URL (bench/Scoring.Bench/Postgres/run.sh does).");
        var options = PostgresUrl.Parse(url);
        options.Schema = schema;
        return options;
    }

    /// <summary>Fresh stores on a fresh schema before each measured run, so every run starts from the same state.</summary>
    [IterationSetup(Target = nameof(Ingest))]
    public void OpenWorkers()
    {
        var options = Options($"bench_ingest_{Workers}_{Environment.ProcessId}_{_run++}");
        for (int w = 0; w < Workers; w++)
            _workers.Add(PostgresLedgerStore.OpenAsync(options).GetAwaiter().GetResult());
    }

    /// <summary>Closes the workers' stores.</summary>
    [IterationCleanup(Target = nameof(Ingest))]
    public void CloseWorkers()
    {
        foreach (var store in _workers)
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _workers.Clear();
    }

    /// <summary>Appends <see cref="ReportsPerRun"/> reports in batches of 1,000; reported per report.</summary>
    [Benchmark(OperationsPerInvoke = ReportsPerRun)]
    public Task Ingest() => Task.WhenAll(_workers.Select((store, w) => Task.Run(async () =>
    {
        int share = ReportsPerRun / Workers;
        for (int at = w * share; at < (w + 1) * share; at += BatchSize)
            await store.AppendAsync(new LedgerBatch(Enumerable.Range(at, BatchSize).Select(i => Report(i, Accounts))));
    })));

    /// <summary>Report <paramref name="i"/>: one compute posting, every fourth also presence; accounts spread by a multiplicative permutation.</summary>
    internal static LedgerReport Report(int i, int accounts)
    {
        // i ↦ i·p mod accounts with p prime: a permutation of [0, accounts), so the first `accounts` reports hit every account once.
        string account = $"acct-{(long)i * 2654435761L % accounts:D7}";
        var postings = new List<LedgerPosting> { new(account, $"gpu-{i % 4}", "compute", Points.FromUnits(1_000 + i % 997 * 1_000)) };
        if (i % 4 == 0)
            postings.Add(new LedgerPosting(account, $"gpu-{i % 4}", "presence", Points.FromUnits(1_000_000)) { ActiveSeconds = 60 });
        return new LedgerReport
        {
            Scheme = "swarm",
            ReportId = $"r-{i}",
            ReportTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i),
            RuleSetId = "swarm-default",
            RuleSetHash = "sha256:bench",
            Postings = postings,
        };
    }
}
