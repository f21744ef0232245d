using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Options;
using Scoring.Diagnostics;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Scoring.Bench.Diagnostics;

/// <summary>
/// What the SDK's spans and metrics cost on the ingestion path: 20,000 swarm reports (batches of 1,000) into an
/// in-memory ledger, with nobody listening (the baseline: one check per span) and with an exporter-like listener that
/// records every span and enables every instrument.
/// </summary>
[Config(typeof(IngestionTelemetryBenchmarks.Config))]
[MemoryDiagnoser]
public class IngestionTelemetryBenchmarks
{
    private const int Reports = 20_000;
    private const int Peers = 200;

    private readonly SchemeRegistry _registry = new([new SwarmScheme()]);
    private byte[] _input = [];
    private ActivityListener? _spans;
    private MeterListener? _metrics;

    /// <summary>Whether a listener records the spans and measurements, as an OpenTelemetry exporter would.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var lines = new StringBuilder();
        for (int i = 0; i < Reports; i++)
        {
            int peer = i % Peers;
            long time = 1_767_225_600 + i / Peers * 60L;
            lines.Append(CultureInfo.InvariantCulture,
                $"{{\"type\":\"swarm\",\"id\":\"r{i}\",\"peerId\":\"p{peer}\",\"account\":\"a{peer / 2}\",\"timestamp\":{time},\"flopsSinceLast\":1e15}}\n");
        }
        _input = Encoding.UTF8.GetBytes(lines.ToString());
        if (!Listening)
            return;
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ScoringTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
        _metrics = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ScoringTelemetry.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _metrics.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _metrics.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _metrics.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _metrics?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<long> Ingest()
    {
        using var metrics = new ScoringMetrics();
        await using var ledger = new InMemoryLedgerStore();
        using var scorer = ((PointsScheme)_registry.Get("swarm")).CreateScorer(new SchemeContext(_registry.CreateRuleSets()));
        var summary = await new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 1_000 }), metrics).RunAsync(new MemoryStream(_input), _registry.Decoder, scorer, ledger);
        return summary.Scored;
    }

    /// <summary>In-process like the ledger benchmarks, with more warm-up and iterations: one run is under a second and the machine is shared.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15));
    }
}
