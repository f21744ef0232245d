using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>
/// A test-only report type, so the SDK's decoder and pipeline are tested without any built-in scheme: an energy meter's
/// reading (<c>"type": "meter"</c>) of the kWh it measured since its previous reading.
/// </summary>
/// <param name="ReadingId">The reading's id (JSON <c>id</c>).</param>
/// <param name="MeterId">The meter that sent it (JSON <c>meterId</c>): the producer.</param>
/// <param name="Account">Who is credited (JSON <c>account</c>).</param>
/// <param name="Kwh">Energy measured (JSON <c>kwh</c>).</param>
/// <param name="Pulses">The meter's pulse count (JSON <c>pulses</c>, a whole number).</param>
/// <param name="Timestamp">When, unix seconds (JSON <c>timestamp</c>).</param>
public sealed record MeterReading(string ReadingId, string MeterId, string Account, double Kwh, int Pulses, double Timestamp) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => MeterReadingType.Instance;

    /// <inheritdoc />
    public override string Id => ReadingId;

    /// <inheritdoc />
    public override string Producer => MeterId;

    /// <inheritdoc />
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);
}
