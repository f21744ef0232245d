using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Language;

/// <summary>What names mean while type checking one rule set: inputs, constants, tables, tiers and variables.</summary>
internal sealed class TypeScope(SymbolTable symbols)
{
    public SymbolTable Symbols { get; } = symbols;

    public Dictionary<string, IrInput> Inputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ScalarValue> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IrTable> Tables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IrTier> Tiers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IrVariable> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables assigned on every path so far (by unconditional rules).</summary>
    public HashSet<string> Assigned { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables assigned earlier in the rule being checked (readable later in that rule).</summary>
    public HashSet<string> AssignedInRule { get; } = new(StringComparer.Ordinal);

    /// <summary>For a variable assigned only conditionally so far, the rule that did it (for the message).</summary>
    public Dictionary<string, string> ConditionallyAssignedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>For every variable some rule assigns, the first such rule (to explain reads that come too early).</summary>
    public Dictionary<string, string> FirstAssignedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>IR nodes created so far, checked against <see cref="RuleSetLimits.MaxTotalNodes"/>.</summary>
    public int NodeCount { get; set; }

    public bool IsDeclared(string name) =>
        Inputs.ContainsKey(name) || Parameters.ContainsKey(name) || Tables.ContainsKey(name) || Tiers.ContainsKey(name);
}
