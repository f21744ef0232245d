using Scoring.Evaluation;

namespace Scoring.Ingestion;

/// <summary>What a rule set made of one report: the version that applied and its result, or why none applied.</summary>
/// <param name="RuleSet">The version in force at the report's time; null when none was.</param>
/// <param name="Result">The points or the evaluation error (meaningful when <paramref name="RuleSet"/> is set).</param>
public readonly record struct ReportRuleResult(CompiledRuleSet? RuleSet, RowResult Result)
{
    /// <summary>Whether a version applied and evaluated without error.</summary>
    public bool Succeeded => RuleSet is not null && Result.Succeeded;
}
