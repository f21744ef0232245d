using Scoring.Language;

namespace Scoring.Evaluation;

/// <summary>The outcome of compiling a rule set: the compiled rule set, or the diagnostics that prevented it.</summary>
public sealed class CompilationResult
{
    internal CompilationResult(CompiledRuleSet? compiled, IReadOnlyList<Diagnostic> diagnostics)
    {
        Compiled = compiled;
        Diagnostics = diagnostics;
    }

    /// <summary>The compiled rule set, when <see cref="Succeeded"/>.</summary>
    public CompiledRuleSet? Compiled { get; }

    /// <summary>Every problem found (empty on success).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Whether the rule set compiled.</summary>
    public bool Succeeded => Compiled is not null;

    /// <summary>The compiled rule set, or a <see cref="RuleSetException"/> listing the diagnostics.</summary>
    public CompiledRuleSet GetValueOrThrow() => Compiled ?? throw new RuleSetException(Diagnostics);
}
