namespace Scoring.RuleSets;

/// <summary>A named typed constant of the rule set (a rate, a deadline); inlined by the compiler.</summary>
/// <param name="Name">The name used in expressions.</param>
/// <param name="Value">The constant.</param>
public sealed record RuleParameter(string Name, ScalarValue Value);
