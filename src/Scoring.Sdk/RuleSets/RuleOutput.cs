namespace Scoring.RuleSets;

/// <summary>One result a rule set computes per report: the variable of that name, as points or as a double.</summary>
/// <param name="Name">The variable the rules assign (it must be assigned on every path).</param>
/// <param name="Type">How its final value becomes the result.</param>
public sealed record RuleOutput(string Name, RuleOutputType Type);
