namespace Pog.Validator;

/// <summary>The validator's log messages, source-generated (no formatting unless the level is enabled); event ids 2000s.</summary>
internal static partial class ValidatorLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Validator started: block time {BlockTime}, rate limit {RateLimit} blocks, burn uid {BurnUid}, {RuleSets}.")]
    public static partial void Started(this ILogger logger, TimeSpan blockTime, long rateLimit, string burnUid, string ruleSets);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Origin}: {Rejection}")]
    public static partial void ResultRefused(this ILogger logger, string origin, string rejection);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Block {Block}: no weights: {Reason}")]
    public static partial void NoWeights(this ILogger logger, long block, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "The input folder {Folder} does not exist yet; waiting for it.")]
    public static partial void WaitingForFolder(this ILogger logger, string folder);
}
