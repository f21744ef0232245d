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

    /// <summary>Creates the exception for a rule set that compiles but cannot be used where it is put (e.g. an input the rows do not have).</summary>
    public RuleSetException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>The problems found (empty when the rule set compiled but does not fit its use).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
