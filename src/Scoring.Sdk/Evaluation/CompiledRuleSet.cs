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
    internal RuleProgram Program { get; }

    /// <summary>The rule set's content hash.</summary>
    public string ContentHash => RuleSet.ContentHash;

    /// <summary>Creates an empty batch whose columns match this rule set's inputs.</summary>
    public ReportBatch CreateBatch(int capacity = 1024) => new(Program, capacity);

    /// <summary>
    /// Scores row <paramref name="row"/> of <paramref name="batch"/> with the compiled delegate: its primary output
    /// (output 0; for a double output <see cref="RowResult.Units"/> holds its IEEE bits) and the row's error.
    /// <see cref="EvaluateRow"/> gives every output.
    /// </summary>
    public RowResult Evaluate(ReportBatch batch, int row)
    {
        return EvaluateWithOutput(batch, row).Result;
    }

    /// <summary>Scores row <paramref name="row"/> of <paramref name="batch"/> with the compiled delegate: every output and the row's error.</summary>
    public RowOutputs EvaluateRow(ReportBatch batch, int row)
    {
        var (error, values, _) = EvaluateWithOutputs(batch, row);
        return new RowOutputs(RuleSet.Outputs, error, values);
    }

    /// <summary>Like <see cref="Evaluate(ReportBatch, int)"/>, also returning the output's double before conversion (for differential tests).</summary>
    internal (RowResult Result, double Output) EvaluateWithOutput(ReportBatch batch, int row)
    {
        var kernel = RowKernelFor(batch, row);
        var error = kernel(batch.Columns, row, out var value, out var output, null, null);
        return (new RowResult(error, value), output);
    }

    /// <summary>Every output's value and double before conversion (for differential tests).</summary>
    internal (EvaluationError Error, long[] Values, double[] Outputs) EvaluateWithOutputs(ReportBatch batch, int row)
    {
        var kernel = RowKernelFor(batch, row);
        var values = new long[Program.Outputs.Count];
        var outputs = new double[Program.Outputs.Count];
        var error = kernel(batch.Columns, row, out _, out _, values, outputs);
        return (error, values, outputs);
    }

    private RowKernel RowKernelFor(ReportBatch batch, int row)
    {
        CheckBatch(batch);
        if ((uint)row >= (uint)batch.Count) throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is not in 0..{batch.Count - 1}.");
        return _row ??= IrCompiler.CompileRow(Program);
    }

    /// <summary>
    /// Scores rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 into
    /// <paramref name="outputs"/> (one array per output, in output order: micro-point units for a points output, raw
    /// IEEE bits for a double output) and <paramref name="errors"/>, all indexed by row. A voided row gets every value
    /// 0 and its error; the other rows are unaffected.
    /// </summary>
    /// <exception cref="ArgumentException">There is not one array per output, or an array is shorter than the rows evaluated.</exception>
    public void Evaluate(ReportBatch batch, int start, int count, long[][] outputs, EvaluationError[] errors)
    {
        CheckBatch(batch);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(errors);
        if (start < 0 || count < 0 || start + count > batch.Count) throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count - 1} are not all in 0..{batch.Count - 1}.");
        if (outputs.Length != Program.Outputs.Count) throw new ArgumentException($"Rule set {RuleSet} has {Program.Outputs.Count} output(s), but {outputs.Length} result array(s) were given.", nameof(outputs));
        // a loop, not LINQ: batch after batch, evaluating must not allocate
        foreach (var o in outputs)
        {
            if (o is null || o.Length < start + count) throw new ArgumentException("The result arrays are shorter than the rows evaluated.", nameof(outputs));
        }
        if (errors.Length < start + count) throw new ArgumentException("The result arrays are shorter than the rows evaluated.", nameof(errors));
        _batch(batch.Columns, start, start + count, outputs, errors);
    }

    /// <summary>Scores every row of <paramref name="batch"/> into one array per output (see <see cref="Evaluate(ReportBatch, int, int, long[][], EvaluationError[])"/>).</summary>
    public void Evaluate(ReportBatch batch, long[][] outputs, EvaluationError[] errors) => Evaluate(batch, 0, batch.Count, outputs, errors);

    /// <summary>
    /// Scores rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 of a rule set with
    /// one output into <paramref name="units"/> (its values) and <paramref name="errors"/> (indexed by row). A voided
    /// row gets units 0 and its error; the other rows are unaffected.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The rule set has several outputs: use <see cref="Evaluate(ReportBatch, int, int, long[][], EvaluationError[])"/>,
    /// which keeps them all (a single array would silently drop all but one).
    /// </exception>
    public void Evaluate(ReportBatch batch, int start, int count, long[] units, EvaluationError[] errors)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (Program.Outputs.Count != 1)
        {
            throw new ArgumentException($"Rule set {RuleSet} has {Program.Outputs.Count} outputs ({string.Join(", ", RuleSet.Outputs.Select(o => o.Name))}); evaluate it into one array per output (long[][]).", nameof(units));
        }
        Evaluate(batch, start, count, [units], errors);
    }

    /// <summary>Scores every row of <paramref name="batch"/> of a rule set with one output (see <see cref="Evaluate(ReportBatch, int, int, long[], EvaluationError[])"/>).</summary>
    public void Evaluate(ReportBatch batch, long[] units, EvaluationError[] errors) => Evaluate(batch, 0, batch.Count, units, errors);

    /// <summary>Explains row <paramref name="row"/>: each rule's outcome and assigned values, and the result.</summary>
    public ExplainTrace Explain(ReportBatch batch, int row)
    {
        CheckBatch(batch);
        return IrInterpreter.Explain(Program, RuleSet, batch, row);
    }

    /// <summary>
    /// The rules that fired for row <paramref name="row"/>, in order: each whose condition held (or that has none) and whose
    /// assignments ran, as <see cref="Explain(ReportBatch, int)"/> marks them fired. For a reason shown per report (why a
    /// report earned nothing) without the cost of a whole trace.
    /// </summary>
    public IReadOnlyList<Rule> FiredRules(ReportBatch batch, int row)
    {
        CheckBatch(batch);
        var fired = new List<int>(Program.Rules.Count);
        IrInterpreter.FiredRules(Program, batch, row, fired);
        return fired.Select(index => RuleSet.Rules[index]).ToArray();
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
