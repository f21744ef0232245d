using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// A checked, compiled rule set: its IR (<see cref="Program"/>) and the scalar reference evaluator, a delegate
/// generated from the IR. Thread-safe: evaluation keeps no state outside its arguments.
/// </summary>
public sealed class CompiledRuleSet
{
    private readonly BatchKernel _batch;
    private RowKernel? _row;

    internal CompiledRuleSet(RuleSet ruleSet, RuleProgram program)
    {
        RuleSet = ruleSet;
        Program = program;
        _batch = IrCompiler.CompileBatch(program);
    }

    /// <summary>The rule set compiled.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>The typed IR, for other evaluators (SIMD, OpenCL).</summary>
    public RuleProgram Program { get; }

    /// <summary>The rule set's content hash.</summary>
    public string ContentHash => RuleSet.ContentHash;

    /// <summary>Creates an empty batch whose columns match this rule set's inputs.</summary>
    public ReportBatch CreateBatch(int capacity = 1024) => new(Program, capacity);

    /// <summary>Scores row <paramref name="row"/> of <paramref name="batch"/> with the compiled delegate.</summary>
    public RowResult Evaluate(ReportBatch batch, int row)
    {
        return EvaluateWithOutput(batch, row).Result;
    }

    /// <summary>Like <see cref="Evaluate(ReportBatch, int)"/>, also returning the output's double before conversion (for differential tests).</summary>
    internal (RowResult Result, double Output) EvaluateWithOutput(ReportBatch batch, int row)
    {
        CheckBatch(batch);
        if ((uint)row >= (uint)batch.Count) throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is not in 0..{batch.Count - 1}.");
        _row ??= IrCompiler.CompileRow(Program);
        var error = _row(batch.Columns, row, out var units, out var output);
        return (new RowResult(error, units), output);
    }

    /// <summary>
    /// Scores rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 into
    /// <paramref name="units"/> and <paramref name="errors"/> (indexed by row). A voided row gets units 0 and its
    /// error; the other rows are unaffected.
    /// </summary>
    public void Evaluate(ReportBatch batch, int start, int count, long[] units, EvaluationError[] errors)
    {
        CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(errors);
        if (start < 0 || count < 0 || start + count > batch.Count) throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count - 1} are not all in 0..{batch.Count - 1}.");
        if (units.Length < start + count || errors.Length < start + count) throw new ArgumentException("The result arrays are shorter than the rows evaluated.", nameof(units));
        _batch(batch.Columns, start, start + count, units, errors);
    }

    /// <summary>Scores every row of <paramref name="batch"/>.</summary>
    public void Evaluate(ReportBatch batch, long[] units, EvaluationError[] errors) => Evaluate(batch, 0, batch.Count, units, errors);

    /// <summary>Explains row <paramref name="row"/>: each rule's outcome and assigned values, and the result.</summary>
    public ExplainTrace Explain(ReportBatch batch, int row)
    {
        CheckBatch(batch);
        return IrInterpreter.Explain(Program, RuleSet, batch, row);
    }

    /// <summary>Explains one report given as input name → value (every input required; ints are accepted for doubles).</summary>
    public ExplainTrace Explain(IReadOnlyDictionary<string, ScalarValue> report)
    {
        var batch = CreateBatch(1);
        var row = batch.AddRow();
        foreach (var input in Program.Inputs)
        {
            if (!report.TryGetValue(input.Name, out var value)) throw new ArgumentException($"The report has no value for input '{input.Name}'.", nameof(report));
            switch (input.Type)
            {
                case IrType.Double when value.Type == ScalarType.Int: batch.SetDouble(input.Index, row, value.AsInt); break;
                case IrType.Double when value.Type == ScalarType.Double: batch.SetDouble(input.Index, row, value.AsDouble); break;
                case IrType.Int when value.Type == ScalarType.Int: batch.SetInt(input.Index, row, value.AsInt); break;
                case IrType.Bool when value.Type == ScalarType.Bool: batch.SetBool(input.Index, row, value.AsBool); break;
                case IrType.Symbol when value.Type == ScalarType.String: batch.SetString(input.Index, row, value.AsString); break;
                default: throw new ArgumentException($"Input '{input.Name}' needs a {Language.TypeChecker.TypeName(input.Type)}, not a {value.Type.ToName()}.", nameof(report));
            }
        }
        var unknown = report.Keys.FirstOrDefault(k => !Program.Inputs.Any(i => i.Name == k));
        if (unknown is not null) throw new ArgumentException($"The report has a field '{unknown}' that is not an input of rule set {RuleSet}.", nameof(report));
        return Explain(batch, row);
    }

    private void CheckBatch(ReportBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Symbols, Program.Symbols))
        {
            throw new ArgumentException($"The batch was created for another rule set; create it with {nameof(CreateBatch)}.", nameof(batch));
        }
    }
}
