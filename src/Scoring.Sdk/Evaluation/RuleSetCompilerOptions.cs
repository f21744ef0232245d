using Scoring.Language;
using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>Options for <see cref="RuleSetCompiler.Compile"/>.</summary>
public sealed class RuleSetCompilerOptions
{
    /// <summary>Bounds on the rule set (defaults: <see cref="RuleSetLimits.Default"/>).</summary>
    public RuleSetLimits Limits { get; init; } = RuleSetLimits.Default;

    /// <summary>Where the rule set's parts are in its document, to place diagnostics in the file; optional.</summary>
    public RuleSetSourceMap? SourceMap { get; init; }

    /// <summary>Whether to fold constant sub-expressions (on by default; never changes a result).</summary>
    public bool FoldConstants { get; init; } = true;
}
