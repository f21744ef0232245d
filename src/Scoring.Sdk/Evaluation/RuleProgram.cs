using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// The typed IR of one compiled rule set, consumed by every evaluator (scalar delegate, interpreter, SIMD, OpenCL).
/// </summary>
/// <remarks>
/// <para>Semantics of one row: every variable slot starts unassigned (the type checker proves no slot is read before
/// it is assigned). For each rule in order: if <see cref="IrRule.Condition"/> is null or evaluates to true, its
/// assignments run in order, each evaluating its expression and then storing it in the slot. When a row's first
/// error happens the row is void with that <see cref="EvaluationError"/> (backends may keep computing and ignore
/// later values).</para>
/// <para>After the last rule, the <see cref="Outputs"/> (Double slots) are converted in output order, each to one
/// 64-bit value:</para>
/// <list type="bullet">
/// <item><see cref="RuleOutputType.Points"/>: NaN/±∞ → <see cref="EvaluationError.NonFiniteOutput"/>; otherwise
/// <c>r = RoundHalfToEven(v * 1e6)</c> in IEEE double, and <c>r</c> outside <c>[-2^63, 2^63)</c> →
/// <see cref="EvaluationError.PointsOutOfRange"/>, else the value is the units <c>(long)r</c>
/// (see <see cref="PointsConversion"/>).</item>
/// <item><see cref="RuleOutputType.Double"/>: NaN/±∞ → <see cref="EvaluationError.NonFiniteOutput"/>; otherwise the
/// value is the double's raw bits, <c>BitConverter.DoubleToInt64Bits(v)</c> — no rounding, <c>-0.0</c> kept.</item>
/// </list>
/// <para>The row's error is the first one in that order (rules first, then outputs in order). A row with an error
/// is void: every output value is 0.</para>
/// </remarks>
internal sealed class RuleProgram
{
    /// <summary>Creates a program with one <see cref="RuleOutputType.Points"/> output (normally done by <see cref="RuleSetCompiler"/>).</summary>
    public RuleProgram(
        IReadOnlyList<IrInput> inputs,
        SymbolTable symbols,
        IReadOnlyList<IrTable> tables,
        IReadOnlyList<IrTier> tiers,
        IReadOnlyList<IrVariable> variables,
        IReadOnlyList<IrRule> rules,
        IrVariable output)
        : this(inputs, symbols, tables, tiers, variables, rules, [new IrOutput(0, (output ?? throw new ArgumentNullException(nameof(output))).Name, output, RuleOutputType.Points)])
    {
    }

    /// <summary>Creates a program (normally done by <see cref="RuleSetCompiler"/>).</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="outputs"/> is empty, an output's <see cref="IrOutput.Index"/> is not its position, or its
    /// variable is not a Double slot of <paramref name="variables"/>.
    /// </exception>
    public RuleProgram(
        IReadOnlyList<IrInput> inputs,
        SymbolTable symbols,
        IReadOnlyList<IrTable> tables,
        IReadOnlyList<IrTier> tiers,
        IReadOnlyList<IrVariable> variables,
        IReadOnlyList<IrRule> rules,
        IReadOnlyList<IrOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0) throw new ArgumentException("A program needs at least one output.", nameof(outputs));
        for (var i = 0; i < outputs.Count; i++)
        {
            var o = outputs[i] ?? throw new ArgumentException($"Output {i} is null.", nameof(outputs));
            if (o.Index != i) throw new ArgumentException($"Output '{o.Name}' has index {o.Index} at position {i}.", nameof(outputs));
            // every backend reads an output as a double slot; the compiler widens int values assigned to it
            if (o.Variable.Type != IrType.Double || (uint)o.Variable.Slot >= (uint)variables.Count || !Equals(variables[o.Variable.Slot], o.Variable))
            {
                throw new ArgumentException($"Output '{o.Name}' must be a Double variable of the program.", nameof(outputs));
            }
        }
        Inputs = inputs;
        Symbols = symbols;
        Tables = tables;
        Tiers = tiers;
        Variables = variables;
        Rules = rules;
        Outputs = outputs;
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

    /// <summary>The outputs in order (at least one), each a Double variable and how it becomes a 64-bit result.</summary>
    public IReadOnlyList<IrOutput> Outputs { get; }

    /// <summary>The primary output's variable (type Double): <c>Outputs[0].Variable</c>.</summary>
    public IrVariable Output => Outputs[0].Variable;
}

/// <summary>An input column.</summary>
/// <param name="Index">Column index.</param>
/// <param name="Name">Input name.</param>
/// <param name="Type">Column type (a string input is <see cref="IrType.Symbol"/>).</param>
internal sealed record IrInput(int Index, string Name, IrType Type);

/// <summary>A variable slot. A name keeps one slot and one type for the whole rule set.</summary>
/// <param name="Slot">Slot index.</param>
/// <param name="Name">Variable name.</param>
/// <param name="Type">Value type.</param>
internal sealed record IrVariable(int Slot, string Name, IrType Type);

/// <summary>An output: a Double variable whose final value becomes one 64-bit result per row (see <see cref="RuleProgram"/>).</summary>
/// <param name="Index">Position in <see cref="RuleProgram.Outputs"/> (= the output's result array).</param>
/// <param name="Name">The output's name (= its variable's name when compiled from a rule set).</param>
/// <param name="Variable">The Double slot read after the last rule.</param>
/// <param name="Type">Points (micro-point units) or Double (raw IEEE bits).</param>
internal sealed record IrOutput(int Index, string Name, IrVariable Variable, RuleOutputType Type);

/// <summary>A rule: an optional Bool condition and ordered assignments.</summary>
/// <param name="Index">Position in <see cref="RuleProgram.Rules"/>.</param>
/// <param name="Name">Rule name.</param>
/// <param name="Condition">Bool condition, or null for always.</param>
/// <param name="Assignments">Assignments in order.</param>
internal sealed record IrRule(int Index, string Name, IrExpression? Condition, IReadOnlyList<IrAssignment> Assignments);

/// <summary><c>Target = Value</c>; <see cref="Value"/> has the target's type.</summary>
/// <param name="Target">The slot written.</param>
/// <param name="Value">The expression.</param>
internal sealed record IrAssignment(IrVariable Target, IrExpression Value);
