using Microsoft.Extensions.Logging;

namespace Scoring.Diagnostics;

/// <summary>
/// Every log message of the SDK (and of Scoring.Gpu), source-generated: no boxing or formatting unless the level is
/// enabled. Event ids are unique across the packages and stable: 100s ingestion, 200s ledger, 300s evaluation
/// (the rule-set file loader keeps its own 1 to 4). docs/observability.md lists them.
/// </summary>
internal static partial class ScoringLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Ingested {Read} lines ({Scheme}): {Scored} scored, {Duplicates} duplicates, {Conflicts} conflicts, {Late} late, {Rejected} rejected, {Entries} entries.")]
    public static partial void Ingested(this ILogger logger, long read, string scheme, long scored, long duplicates, long conflicts, long late, long rejected, long entries);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug,
        Message = "Batch of lines {FirstLine}..{LastLine}: {Scored} scored, {Duplicates} duplicates, {Refused} refused, {Entries} entries in {Milliseconds} ms.")]
    public static partial void BatchCommitted(this ILogger logger, long firstLine, long lastLine, long scored, long duplicates, long refused, long entries, double milliseconds);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "The ledger refused the batch of lines {FirstLine}..{LastLine} ({Scheme}).")]
    public static partial void BatchRefused(this ILogger logger, Exception exception, long firstLine, long lastLine, string scheme);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning,
        Message = "The ledger refused a group of {Inputs} inputs ({Scheme}): {Reason} Each input is written alone, so only the one at fault is refused.")]
    public static partial void GroupRefused(this ILogger logger, int inputs, string scheme, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Ledger: in memory (nothing survives the process).")]
    public static partial void LedgerInMemory(this ILogger logger);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Ledger: PostgreSQL schema {Schema}.")]
    public static partial void LedgerPostgres(this ILogger logger, string schema);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Ledger: SQLite file {Path}.")]
    public static partial void LedgerSqlite(this ILogger logger, string path);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Rule set {RuleSet}: {Calibration}")]
    public static partial void BackendCalibrated(this ILogger logger, string ruleSet, Evaluation.Batch.BatchCalibration calibration);
}
