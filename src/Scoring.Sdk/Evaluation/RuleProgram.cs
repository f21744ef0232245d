namespace Scoring.Evaluation;

/// <summary>
/// The typed IR of one compiled rule set, consumed by every evaluator (scalar delegate, interpreter, SIMD, OpenCL).
/// </summary>
/// <remarks>
/// Semantics of one row: every variable slot starts unassigned (the type checker proves no slot is read before
/// it is assigned). For each rule in order: if <see cref="IrRule.Condition"/> is null or evaluates to true, its
/// assignments run in order, each evaluating its expression and then storing it in the slot. When a row's first
/// error happens the row is void with that <see cref="EvaluationError"/> (backends may keep computing and ignore
/// later values). After the last rule the <see cref="Output"/> slot (Double) is converted once to micro-points:
/// NaN/±∞ → <see cref="EvaluationError.NonFiniteOutput"/>; otherwise <c>r = RoundHalfToEven(v * 1e6)</c> in
/// IEEE double, and <c>r</c> outside <c>[-2^63, 2^63)</c> → <see cref="EvaluationError.PointsOutOfRange"/>,
/// else the units are <c>(long)r</c>. See <see cref="PointsConversion"/>.
/// </remarks>
public sealed class RuleProgram
{
    /// <summary>Creates a program (normally done by <see cref="RuleSetCompiler"/>).</summary>
    public RuleProgram(
        IReadOnlyList<IrInput> inputs,
        SymbolTable symbols,
        IReadOnlyList<IrTable> tables,
        IReadOnlyList<IrTier> tiers,
        IReadOnlyList<IrVariable> variables,
        IReadOnlyList<IrRule> rules,
        IrVariable output)
    {
        Inputs = inputs;
        Symbols = symbols;
        Tables = tables;
        Tiers = tiers;
        Variables = variables;
        Rules = rules;
        Output = output;
    }

    /// <summary>The inputs, indexed by <see cref="IrInput.Index"/> (= column index in a <see cref="ReportBatch"/>).</summary>
    public IReadOnlyList<IrInput> Inputs { get; }

    /// <summary>The interned strings.</summary>
    public SymbolTable Symbols { get; }

    /// <summary>The lookup tables, indexed by <see cref="IrTable.Index"/>.</summary>
    public IReadOnlyList<IrTable> Tables { get; }

    /// <summary>The tier tables, indexed by <see cref="IrTier.Index"/>.</summary>
    public IReadOnlyList<IrTier> Tiers { get; }

    /// <summary>The variable slots, indexed by <see cref="IrVariable.Slot"/>.</summary>
    public IReadOnlyList<IrVariable> Variables { get; }

    /// <summary>The rules in evaluation order.</summary>
    public IReadOnlyList<IrRule> Rules { get; }

    /// <summary>The output variable (type Double).</summary>
    public IrVariable Output { get; }
}

/// <summary>An input column.</summary>
/// <param name="Index">Column index.</param>
/// <param name="Name">Input name.</param>
/// <param name="Type">Column type (a string input is <see cref="IrType.Symbol"/>).</param>
public sealed record IrInput(int Index, string Name, IrType Type);

/// <summary>A variable slot. A name keeps one slot and one type for the whole rule set.</summary>
/// <param name="Slot">Slot index.</param>
/// <param name="Name">Variable name.</param>
/// <param name="Type">Value type.</param>
public sealed record IrVariable(int Slot, string Name, IrType Type);

/// <summary>A rule: an optional Bool condition and ordered assignments.</summary>
/// <param name="Index">Position in <see cref="RuleProgram.Rules"/>.</param>
/// <param name="Name">Rule name.</param>
/// <param name="Condition">Bool condition, or null for always.</param>
/// <param name="Assignments">Assignments in order.</param>
public sealed record IrRule(int Index, string Name, IrExpression? Condition, IReadOnlyList<IrAssignment> Assignments);

/// <summary><c>Target = Value</c>; <see cref="Value"/> has the target's type.</summary>
/// <param name="Target">The slot written.</param>
/// <param name="Value">The expression.</param>
public sealed record IrAssignment(IrVariable Target, IrExpression Value);
