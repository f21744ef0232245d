using System.Diagnostics.Metrics;
using System.Reflection;
using Scoring.Ingestion;

namespace Scoring.Diagnostics;

/// <summary>
/// The SDK's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter <see cref="ScoringTelemetry.MeterName"/>,
/// named and tagged after the OpenTelemetry semantic conventions, for an OpenTelemetry (or <c>dotnet-counters</c>) host:
/// <list type="bullet">
/// <item><c>scoring.ingestion.reports</c> (counter, <c>{report}</c>): lines ingested, tagged <c>scoring.scheme.name</c>
/// and <c>scoring.report.outcome</c> = <c>accepted</c> | <c>duplicate</c> | <c>conflict</c> | <c>late</c> | <c>rejected</c>;</item>
/// <item><c>scoring.ingestion.batch.duration</c> (histogram, <c>s</c>, bucket advice from 1 ms to 30 s): one committed
/// batch, scoring to commit;</item>
/// <item><c>scoring.ledger.entries</c> (counter, <c>{entry}</c>): ledger entries appended.</item>
/// </list>
/// <see cref="ReportIngestion"/> records to them; register one per host (<c>AddScoring</c> does) or pass one to its constructor.
/// </summary>
public sealed class ScoringMetrics : IDisposable
{
    /// <summary>
    /// Bucket advice for batch durations, in seconds: a batch of a few reports commits in about a millisecond, a batch
    /// of 10,000 on a loaded server in seconds.
    /// </summary>
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Counter<long> _reports;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _entries;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (DI), or on a meter of its own.</summary>
    /// <param name="meterFactory">The host's meter factory; null for a stand-alone meter (disposed with this object).</param>
    public ScoringMetrics(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(ScoringTelemetry.MeterName) { Version = Version };
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        _reports = _meter.CreateCounter<long>("scoring.ingestion.reports", "{report}",
            "Report lines ingested, by outcome: accepted, duplicate, conflict, late or rejected.");
        _batchDuration = _meter.CreateHistogram("scoring.ingestion.batch.duration", "s",
            "Time to score and commit one ingestion batch (one ledger transaction).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _entries = _meter.CreateCounter<long>("scoring.ledger.entries", "{entry}", "Ledger entries appended by ingestion.");
    }

    /// <summary>The SDK's version, reported with its meter and activity source.</summary>
    internal static string? Version { get; } = typeof(ScoringMetrics).Assembly.GetName().Version?.ToString(3);

    /// <summary>Records one committed batch.</summary>
    /// <param name="scheme">The scheme (the <c>scoring.scheme.name</c> tag).</param>
    /// <param name="batch">The batch's counts.</param>
    /// <param name="duration">Time the batch took.</param>
    internal void RecordBatch(string scheme, IngestionSummary batch, TimeSpan duration)
    {
        var schemeTag = new KeyValuePair<string, object?>(TelemetryAttributes.Scheme, scheme);
        AddReports(batch.Scored, schemeTag, "accepted");
        AddReports(batch.Duplicates, schemeTag, "duplicate");
        AddReports(batch.Conflicts, schemeTag, "conflict");
        AddReports(batch.Late, schemeTag, "late");
        AddReports(batch.Rejected, schemeTag, "rejected");
        if (batch.Entries > 0)
            _entries.Add(batch.Entries, schemeTag);
        _batchDuration.Record(duration.TotalSeconds, schemeTag);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private void AddReports(long count, KeyValuePair<string, object?> scheme, string outcome)
    {
        if (count > 0)
            _reports.Add(count, scheme, new KeyValuePair<string, object?>(TelemetryAttributes.ReportOutcome, outcome));
    }
}
