using Scoring.Ingestion;

namespace Swarm.Dashboard;

/// <summary>The dashboard's log messages, source-generated (no formatting unless the level is enabled); event ids 3000s.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Peer {Peer}, line {Line}: {Kind}: {Reason}")]
    public static partial void LineRefused(this ILogger logger, string peer, long line, RejectionKind kind, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Scoring swarm reports with {RuleSets}.")]
    public static partial void Scoring(this ILogger logger, string ruleSets);
}
