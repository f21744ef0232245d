namespace Scoring.Cli.Output;

/// <summary>The JSON result of <c>scoring rules list</c> (schema in docs/cli.md).</summary>
internal sealed record RuleSetListDocument(IReadOnlyList<RuleSetListing> RuleSets);

/// <summary>One rule-set version in force.</summary>
/// <param name="Scheme">The scheme that uses it.</param>
/// <param name="Id">The rule set's id.</param>
/// <param name="Version">Its version.</param>
/// <param name="EffectiveFrom">When it takes effect (ISO 8601, UTC).</param>
/// <param name="Hash">Its content hash.</param>
/// <param name="Outputs">Its outputs, in order.</param>
/// <param name="Source"><c>built-in</c>, or the file it was read from.</param>
internal sealed record RuleSetListing(string Scheme, string Id, string Version, string EffectiveFrom, string Hash, IReadOnlyList<RuleOutputListing> Outputs, string Source);

/// <summary>One output of a rule set: its name and <c>points</c> or <c>double</c>.</summary>
internal sealed record RuleOutputListing(string Name, string Type);
