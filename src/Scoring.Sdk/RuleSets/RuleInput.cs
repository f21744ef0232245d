namespace Scoring.RuleSets;

/// <summary>A report field that the rule set reads; one column of a <c>ReportBatch</c>.</summary>
/// <param name="Name">The name used in expressions.</param>
/// <param name="Type">The field's type.</param>
public sealed record RuleInput(string Name, ScalarType Type);
