using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Scoring.Bench.Ledger;

/// <summary>
/// Short, in-process runs: the ledger benchmarks measure SQLite I/O, not JIT tiers, and building a separate
/// benchmark executable exceeds BenchmarkDotNet's build timeout on a busy 2-core machine.
/// </summary>
public sealed class LedgerBenchConfig : ManualConfig
{
    public LedgerBenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5));
    }
}
