using System.Diagnostics.Metrics;

namespace Scoring;

/// <summary>
/// The SDK's <see cref="System.Diagnostics.Metrics"/> instruments, on the meter <see cref="MeterName"/>, for an
/// OpenTelemetry (or <c>dotnet-counters</c>) host to export: reports scored, rejected and duplicate, and the
/// latency of each ledger batch.
/// </summary>
public sealed class ScoringMetrics : IDisposable
{
    /// <summary>The meter's name: <c>Scoring</c>.</summary>
    public const string MeterName = "Scoring";

    private readonly Meter _meter;
    private readonly Counter<long> _scored;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Histogram<double> _batchLatency;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (DI), or on a meter of its own.</summary>
    /// <param name="meterFactory">The host's meter factory; null for a stand-alone meter (disposed with this object).</param>
    public ScoringMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _scored = _meter.CreateCounter<long>("scoring.reports.scored", "{report}", "Reports newly recorded in the ledger.");
        _rejected = _meter.CreateCounter<long>("scoring.reports.rejected", "{report}", "Lines rejected by the decoder or the scheme.");
        _duplicates = _meter.CreateCounter<long>("scoring.reports.duplicates", "{report}", "Reports the ledger had already recorded (replays).");
        _batchLatency = _meter.CreateHistogram<double>("scoring.batch.duration", "s", "Time to score and append one ledger batch.");
    }

    /// <summary>Records one committed batch.</summary>
    /// <param name="scheme">The scheme (a tag on every measurement).</param>
    /// <param name="scored">Reports newly recorded.</param>
    /// <param name="duplicates">Reports ignored as replays.</param>
    /// <param name="rejected">Lines rejected.</param>
    /// <param name="duration">Time the batch took.</param>
    public void RecordBatch(string scheme, long scored, long duplicates, long rejected, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("scheme", scheme);
        if (scored > 0)
            _scored.Add(scored, tag);
        if (duplicates > 0)
            _duplicates.Add(duplicates, tag);
        if (rejected > 0)
            _rejected.Add(rejected, tag);
        _batchLatency.Record(duration.TotalSeconds, tag);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
