using Scoring.Reports;

namespace Scoring.Cli.TestPlugin;

/// <summary>An <c>uptime</c> report: a node says how long it was up, for its account.</summary>
public sealed record UptimeReport(string ReportId, string Node, string Account, double Seconds, double Timestamp) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => UptimeReportType.Instance;

    /// <inheritdoc />
    public override string Id => ReportId;

    /// <inheritdoc />
    public override string Producer => Node;

    /// <inheritdoc />
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);
}
