using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Scoring.Bench.Postgres;

/// <summary>
/// Runs in the host process (no generated project to build: on a busy shared machine that build outlives
/// BenchmarkDotNet's timeout), one warm-up and five measured iterations, each a single long invocation.
/// </summary>
public sealed class InProcessServerConfig : ManualConfig
{
    public InProcessServerConfig() => AddJob(Job.Default
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(5)
        .WithId("InProcess"));
}
