namespace Scoring.Diagnostics;

/// <summary>
/// The names under which the SDK reports what it does, for an OpenTelemetry host to subscribe to:
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithTracing(t => t.AddSource(ScoringTelemetry.ActivitySourceName))
///     .WithMetrics(m => m.AddMeter(ScoringTelemetry.MeterName));
/// </code>
/// Spans: <c>ingest {scheme}</c> (one ingestion batch, one ledger transaction), and inside it <c>evaluate {rule set}</c>
/// (a batch of rows on the evaluator backend) and <c>ledger append {scheme}</c> (keys, entries and scheme state written).
/// Metrics: <c>scoring.ingestion.reports</c>, <c>scoring.ingestion.batch.duration</c>, <c>scoring.ledger.entries</c>
/// (see <see cref="ScoringMetrics"/>). Every name and attribute is listed in docs/observability.md.
/// </summary>
public static class ScoringTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the SDK's spans: <c>Scoring</c>.</summary>
    public const string ActivitySourceName = "Scoring";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the SDK's instruments: <c>Scoring</c>.</summary>
    public const string MeterName = "Scoring";
}
