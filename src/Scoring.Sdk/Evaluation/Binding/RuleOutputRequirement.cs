using Scoring.RuleSets;

namespace Scoring.Evaluation.Binding;

/// <summary>An output a scheme reads from its rule set, by name and type: every version in force must have it.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Type">Its type.</param>
public sealed record RuleOutputRequirement(string Name, RuleOutputType Type);
