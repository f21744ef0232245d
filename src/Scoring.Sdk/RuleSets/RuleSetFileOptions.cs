using Scoring.Language;

namespace Scoring.RuleSets;

/// <summary>Which rule-set documents to load into the <see cref="RuleSetRegistry"/> and watch for changes.</summary>
public sealed class RuleSetFileOptions
{
    /// <summary>Paths of rule-set JSON documents, one version each.</summary>
    public IList<string> Files { get; } = [];

    /// <summary>Whether to reload a file when it changes on disk (default true).</summary>
    public bool WatchFiles { get; set; } = true;

    /// <summary>Limits applied to every document.</summary>
    public RuleSetLimits Limits { get; set; } = RuleSetLimits.Default;
}
