using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>A second test-only report type (<c>"type": "alarm"</c>), for dispatch between types: a meter's alarm code.</summary>
/// <param name="AlarmId">The alarm's id (JSON <c>id</c>).</param>
/// <param name="MeterId">The meter that raised it (JSON <c>meterId</c>).</param>
/// <param name="Code">What went wrong (JSON <c>code</c>).</param>
public sealed record MeterAlarm(string AlarmId, string MeterId, string Code) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => MeterAlarmType.Instance;

    /// <inheritdoc />
    public override string Id => AlarmId;

    /// <inheritdoc />
    public override string Producer => MeterId;

    /// <inheritdoc />
    public override DateTimeOffset? Time => null;
}
