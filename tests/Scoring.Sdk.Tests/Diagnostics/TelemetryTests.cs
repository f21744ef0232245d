using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Diagnostics;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Reports;
using Scoring.Sdk.Tests.Schemes;

using static Scoring.Sdk.Tests.Ingestion.MeterIngestion;

namespace Scoring.Sdk.Tests.Diagnostics;

/// <summary>
/// The spans and metrics an OpenTelemetry host receives from ingestion, observed the way an exporter does: through an
/// <see cref="ActivityListener"/> and a <see cref="MeterListener"/>. Other tests run in parallel and use the same
/// source and meter name, so spans are told apart by this test's trace and instruments by this test's meter factory.
/// </summary>
public sealed class TelemetryTests
{
    private static string Line(string id, string account, double kwh, double timestamp) =>
        $"{{\"type\":\"meter\",\"id\":\"{id}\",\"meterId\":\"m1\",\"account\":\"{account}\",\"kwh\":{kwh:R},\"pulses\":1,\"timestamp\":{timestamp:R}}}";

    [Fact]
    public async Task Ingestion_counts_every_outcome_on_one_counter_and_reports_entries_and_batch_durations()
    {
        using var factory = new TestMeterFactory();
        using var measurements = new Measurements(factory);
        using var metrics = new ScoringMetrics(factory);
        var ingestion = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 10 }), metrics);
        var ledger = new InMemoryLedgerStore();

        using var scorer = Scorer();
        var first = await ingestion.RunAsync(Input(
            Line("r1", "alice", 2, T0 + 60),
            Line("r1", "alice", 2, T0 + 60),      // the same report again: a duplicate
            Line("r1", "alice", 3, T0 + 60),      // the same id, other content: a conflict
            "not json",                           // rejected by the decoder
            Line("r2", "banned", 1, T0 + 30)),    // rejected by the scheme
            MeterDecoder, scorer, ledger);
        var second = await ingestion.RunAsync(Input(Line("r3", "bob", 1, T0)), MeterDecoder, scorer, ledger); // behind the watermark

        Assert.Equal(new IngestionSummary(Read: 5, Scored: 1, Duplicates: 1, Conflicts: 1, Late: 0, Rejected: 2, Entries: first.Entries), first);
        Assert.Equal(1, second.Late);
        var reports = measurements.Of("scoring.ingestion.reports");
        Assert.All(reports, m => Assert.Equal("meter", m.Tags[TelemetryAttributes.Scheme]));
        Assert.Equal(
            new Dictionary<string, long> { ["accepted"] = 1, ["duplicate"] = 1, ["conflict"] = 1, ["late"] = 1, ["rejected"] = 2 },
            reports.GroupBy(m => (string)m.Tags[TelemetryAttributes.ReportOutcome]!).ToDictionary(g => g.Key, g => g.Sum(m => (long)m.Value)));
        Assert.Equal(first.Entries + second.Entries, measurements.Of("scoring.ledger.entries").Sum(m => (long)m.Value));
        // one duration per committed batch: each run's batch and its settling transaction
        Assert.Equal(4, measurements.Of("scoring.ingestion.batch.duration").Count);

        var duration = (Histogram<double>)measurements.Instruments.Single(i => i.Name == "scoring.ingestion.batch.duration");
        Assert.Equal("s", duration.Unit);
        Assert.Equal([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], duration.Advice!.HistogramBucketBoundaries!);
        Assert.Equal("{report}", measurements.Instruments.Single(i => i.Name == "scoring.ingestion.reports").Unit);
        Assert.Equal("{entry}", measurements.Instruments.Single(i => i.Name == "scoring.ledger.entries").Unit);
        Assert.All(measurements.Instruments, i => Assert.Equal(ScoringTelemetry.MeterName, i.Meter.Name));
    }

    [Fact]
    public async Task Each_batch_is_an_ingest_span_with_its_evaluation_and_ledger_append_inside()
    {
        using var spans = new Spans();
        var ledger = new InMemoryLedgerStore();
        using var scorer = Scorer();
        var ingestion = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 2 }));

        await ingestion.RunAsync(Input(
            Line("r1", "alice", 2, T0 + 30), Line("r1", "alice", 2, T0 + 30), Line("r2", "bob", 1, T0 + 60)),
            MeterDecoder, scorer, ledger, settle: false);

        var ingests = spans.Named(ScoringActivities.IngestBatch);
        Assert.Equal(2, ingests.Count); // lines 1-2 and line 3
        var firstBatch = ingests.Single(s => (long)s.GetTagItem(TelemetryAttributes.BatchFirstLine)! == 1);
        Assert.Equal("ingest meter", firstBatch.DisplayName);
        Assert.Equal("meter", firstBatch.GetTagItem(TelemetryAttributes.Scheme));
        Assert.Equal("inmemory", firstBatch.GetTagItem(TelemetryAttributes.LedgerStore));
        Assert.Equal(2L, firstBatch.GetTagItem(TelemetryAttributes.BatchLastLine));
        Assert.Equal(2L, firstBatch.GetTagItem(TelemetryAttributes.BatchLineCount));
        Assert.Equal(1, firstBatch.GetTagItem(TelemetryAttributes.BatchAcceptedCount));
        Assert.Equal(1, firstBatch.GetTagItem(TelemetryAttributes.BatchDuplicateCount));
        Assert.Equal(0, firstBatch.GetTagItem(TelemetryAttributes.BatchRefusedCount));
        Assert.Equal(1, firstBatch.GetTagItem(TelemetryAttributes.LedgerEntryCount));
        Assert.Equal(false, firstBatch.GetTagItem(TelemetryAttributes.BatchSettles));
        Assert.Equal(ActivityStatusCode.Unset, firstBatch.Status);
        Assert.Equal(typeof(ScoringMetrics).Assembly.GetName().Version!.ToString(3), firstBatch.Source.Version);

        var evaluation = Assert.Single(spans.Named(ScoringActivities.Evaluate), s => s.ParentSpanId == firstBatch.SpanId);
        Assert.Equal("evaluate meter-energy", evaluation.DisplayName);
        Assert.Equal("meter-energy", evaluation.GetTagItem(TelemetryAttributes.RuleSetId));
        Assert.Equal("1", evaluation.GetTagItem(TelemetryAttributes.RuleSetVersion));
        Assert.Equal("scalar", evaluation.GetTagItem(TelemetryAttributes.EvaluationBackend));
        Assert.Equal(1, evaluation.GetTagItem(TelemetryAttributes.EvaluationRowCount)); // the repeated id is a duplicate, never scored

        var appends = spans.Named(ScoringActivities.LedgerAppend).Where(s => s.ParentSpanId == firstBatch.SpanId).ToList();
        Assert.Equal("ledger append meter", appends[0].DisplayName);
        Assert.Equal(1, appends.Sum(s => (int)s.GetTagItem(TelemetryAttributes.LedgerKeyCount)!));
        Assert.Equal(1, appends.Sum(s => (int)s.GetTagItem(TelemetryAttributes.LedgerEntryCount)!));
    }

    [Fact]
    public async Task A_batch_the_ledger_refuses_ends_its_span_with_the_error()
    {
        using var spans = new Spans();
        var ledger = new InMemoryLedgerStore();
        // 5e12 points per reading: the second pushes alice past the range of Points, so the ledger refuses that batch.
        using var scorer = Scorer(MeterScheme.Energy(rate: 1e7, version: "huge"));
        var ingestion = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 1 }));

        await Assert.ThrowsAsync<IngestionException>(() => ingestion.RunAsync(
            Input(Line("r1", "alice", 5e5, T0 + 30), Line("r2", "alice", 5e5, T0 + 60)), MeterDecoder, scorer, ledger));

        var ingests = spans.Named(ScoringActivities.IngestBatch);
        Assert.Equal(ActivityStatusCode.Unset, ingests.Single(s => (long)s.GetTagItem(TelemetryAttributes.BatchFirstLine)! == 1).Status);
        var refused = ingests.Single(s => (long)s.GetTagItem(TelemetryAttributes.BatchFirstLine)! == 2);
        Assert.Equal(ActivityStatusCode.Error, refused.Status);
        Assert.Equal(typeof(LedgerOverflowException).FullName, refused.GetTagItem(TelemetryAttributes.ErrorType));
        Assert.Null(refused.GetTagItem(TelemetryAttributes.BatchAcceptedCount));
    }

    [Fact]
    public void AddScoring_creates_the_meter_through_the_hosts_meter_factory()
    {
        using var factory = new TestMeterFactory();
        using var measurements = new Measurements(factory);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IMeterFactory>(factory);
        services.AddScoring(b => b.UseInMemoryLedger());
        using var provider = services.BuildServiceProvider();

        _ = provider.GetRequiredService<ScoringMetrics>();

        Assert.Equal(
            ["scoring.ingestion.batch.duration", "scoring.ingestion.reports", "scoring.ledger.entries"],
            measurements.Instruments.Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>A host's meter factory: its meters carry it as their scope, so a listener can pick them out.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
            lock (_meters)
                _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
                _meters.ForEach(m => m.Dispose());
        }
    }

    private sealed record Measurement(string Instrument, object Value, Dictionary<string, object?> Tags);

    /// <summary>Every measurement of the instruments created by one meter factory.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<Measurement> _measurements = [];
        private readonly List<Instrument> _instruments = [];

        public Measurements(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope != factory)
                    return;
                lock (_instruments)
                    _instruments.Add(instrument);
                listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public IReadOnlyList<Instrument> Instruments
        {
            get
            {
                lock (_instruments)
                    return [.. _instruments];
            }
        }

        public List<Measurement> Of(string instrument)
        {
            lock (_measurements)
                return _measurements.Where(m => m.Instrument == instrument).ToList();
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, object value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
                copy[tag.Key] = tag.Value;
            lock (_measurements)
                _measurements.Add(new Measurement(instrument.Name, value, copy));
        }
    }

    /// <summary>The Scoring spans stopped inside this test's own trace.</summary>
    private sealed class Spans : IDisposable
    {
        private readonly Activity _root = new Activity("telemetry test").Start();
        private readonly ActivityListener _listener;
        private readonly List<Activity> _stopped = [];

        public Spans()
        {
            var trace = _root.TraceId;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == ScoringTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId != trace)
                        return;
                    lock (_stopped)
                        _stopped.Add(activity);
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<Activity> Named(string operation)
        {
            lock (_stopped)
                return _stopped.Where(a => a.OperationName == operation).ToList();
        }

        public void Dispose()
        {
            _listener.Dispose();
            _root.Stop();
        }
    }
}
