using Scoring.Language;

namespace Scoring.Evaluation;

/// <summary>Thrown when a rule set that had to be valid is not; carries its diagnostics.</summary>
public sealed class RuleSetException : Exception
{
    /// <summary>Creates the exception from diagnostics.</summary>
    public RuleSetException(IReadOnlyList<Diagnostic> diagnostics)
        : base("The rule set is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d)))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
