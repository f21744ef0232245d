namespace Scoring.Diagnostics;

/// <summary>
/// The attribute (tag) names of the SDK's spans and metrics, in the OpenTelemetry semantic-convention style:
/// lower-case dotted namespaces under <c>scoring.</c>, <c>_count</c> for counts, <c>error.type</c> from the general conventions.
/// </summary>
internal static class TelemetryAttributes
{
    public const string Scheme = "scoring.scheme.name";
    public const string ReportOutcome = "scoring.report.outcome";
    public const string LedgerStore = "scoring.ledger.store";
    public const string BatchFirstLine = "scoring.batch.first_line";
    public const string BatchLastLine = "scoring.batch.last_line";
    public const string BatchLineCount = "scoring.batch.line_count";
    public const string BatchAcceptedCount = "scoring.batch.accepted_count";
    public const string BatchDuplicateCount = "scoring.batch.duplicate_count";
    public const string BatchRefusedCount = "scoring.batch.refused_count";
    public const string BatchSettles = "scoring.batch.settles";
    public const string LedgerKeyCount = "scoring.ledger.key_count";
    public const string LedgerEntryCount = "scoring.ledger.entry_count";
    public const string RuleSetId = "scoring.rule_set.id";
    public const string RuleSetVersion = "scoring.rule_set.version";
    public const string EvaluationBackend = "scoring.evaluation.backend";
    public const string EvaluationRowCount = "scoring.evaluation.row_count";
    public const string ErrorType = "error.type";
}
