using Scoring.Ingestion;

namespace Jobs.Host;

/// <summary>The host's log messages, source-generated (no formatting unless the level is enabled); event ids 1000s.</summary>
internal static partial class JobsLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Tailing {Path} every {Interval}; epochs closed through {Epoch}.")]
    public static partial void Tailing(this ILogger logger, string path, TimeSpan interval, long epoch);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Path}:{Line}: {Kind}: {Field}: {Reason}")]
    public static partial void LineRefused(this ILogger logger, string path, long line, RejectionKind kind, string field, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Path} does not exist yet; waiting for it.")]
    public static partial void WaitingForFile(this ILogger logger, string path);
}
