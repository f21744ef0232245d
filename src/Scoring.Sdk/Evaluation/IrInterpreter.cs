using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// A plain tree-walking evaluator of the IR: the test oracle for every compiled backend, and the engine behind
/// <see cref="CompiledRuleSet.Explain(ReportBatch, int)"/>. Slow and simple on purpose. Stops at the first error.
/// </summary>
internal sealed class IrInterpreter
{
    private readonly RuleProgram _program;
    private readonly ReportBatch _batch;
    private readonly int _row;
    private readonly Value[] _slots;
    private EvaluationError _error;

    private IrInterpreter(RuleProgram program, ReportBatch batch, int row)
    {
        _program = program;
        _batch = batch;
        _row = row;
        _slots = new Value[program.Variables.Count];
    }

    /// <summary>Evaluates row <paramref name="row"/> of <paramref name="batch"/>: its primary output (output 0).</summary>
    public static RowResult Evaluate(RuleProgram program, ReportBatch batch, int row) => EvaluateRow(program, batch, row).Primary;

    /// <summary>Evaluates row <paramref name="row"/> of <paramref name="batch"/>: every output.</summary>
    public static RowOutputs EvaluateRow(RuleProgram program, ReportBatch batch, int row)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(batch);
        var (error, finals) = Run(program, batch, row, null, null);
        var (rowError, values, _) = ConvertOutputs(program, error, finals);
        return new RowOutputs(program.Outputs.Select(o => new RuleOutput(o.Name, o.Type)).ToArray(), rowError, values);
    }

    /// <summary>Evaluates one row and records every rule's outcome (rule texts from <paramref name="source"/>).</summary>
    internal static ExplainTrace Explain(RuleProgram program, RuleSet source, ReportBatch batch, int row)
    {
        var traces = new List<RuleTrace>(program.Rules.Count);
        var (error, finals) = Run(program, batch, row, source, traces);
        var (rowError, values, outputs) = ConvertOutputs(program, error, finals);
        return new ExplainTrace(source.Id, source.Version, source.ContentHash, traces, source.Output, finals?[0], new RowResult(rowError, values[0]), outputs);
    }

    /// <summary>
    /// The outputs converted in order after the rules (see <see cref="RuleProgram"/>): the row's first error, every
    /// output's value (all 0 when the row is void), and each output's own outcome for explain.
    /// </summary>
    private static (EvaluationError Error, long[] Values, OutputTrace[] Traces) ConvertOutputs(RuleProgram program, EvaluationError rulesError, double[]? finals)
    {
        var error = rulesError;
        var values = new long[program.Outputs.Count];
        var traces = new OutputTrace[program.Outputs.Count];
        foreach (var o in program.Outputs)
        {
            if (finals is null)
            {
                traces[o.Index] = new OutputTrace(o.Name, o.Type, null, 0, EvaluationError.None);
                continue;
            }
            var own = OutputConversion.TryConvert(finals[o.Index], o.Type, out values[o.Index]);
            if (error == EvaluationError.None) error = own;
            traces[o.Index] = new OutputTrace(o.Name, o.Type, finals[o.Index], o.Type == RuleOutputType.Points ? values[o.Index] : 0, own);
        }
        if (error != EvaluationError.None) Array.Clear(values);
        return (error, values, traces);
    }

    /// <summary>Adds to <paramref name="fired"/> the index of each rule that fired for the row (as <see cref="Explain"/> marks them), with no trace made.</summary>
    internal static void FiredRules(RuleProgram program, ReportBatch batch, int row, List<int> fired) => Run(program, batch, row, null, null, fired);

    // one walk serves plain evaluation (traces == null), explain, and the list of fired rules; the outputs' final doubles,
    // or null after an error
    private static (EvaluationError Error, double[]? Finals) Run(RuleProgram program, ReportBatch batch, int row, RuleSet? source, List<RuleTrace>? traces,
        List<int>? fired = null)
    {
        if ((uint)row >= (uint)batch.Count) throw new ArgumentOutOfRangeException(nameof(row));
        var run = new IrInterpreter(program, batch, row);
        foreach (var rule in program.Rules)
        {
            if (run._error != EvaluationError.None)
            {
                traces?.Add(new RuleTrace(rule.Name, source!.Rules[rule.Index].When, null, RuleOutcome.NotReached, [], EvaluationError.None));
                continue;
            }
            bool? conditionValue = null;
            if (rule.Condition is not null)
            {
                var c = run.Eval(rule.Condition);
                if (run._error != EvaluationError.None)
                {
                    traces?.Add(new RuleTrace(rule.Name, source!.Rules[rule.Index].When, null, RuleOutcome.Failed, [], run._error));
                    continue;
                }
                conditionValue = c.Bits != 0;
                if (!conditionValue.Value)
                {
                    traces?.Add(new RuleTrace(rule.Name, source!.Rules[rule.Index].When, false, RuleOutcome.NotFired, [], EvaluationError.None));
                    continue;
                }
            }
            var assigned = traces is null ? null : new List<AssignmentTrace>(rule.Assignments.Count);
            for (var i = 0; i < rule.Assignments.Count; i++)
            {
                var a = rule.Assignments[i];
                var v = run.Eval(a.Value);
                if (run._error != EvaluationError.None) break;
                run._slots[a.Target.Slot] = v;
                assigned?.Add(new AssignmentTrace(a.Target.Name, source!.Rules[rule.Index].Assignments[i].Expression, run.ToScalar(a.Target.Type, v)));
            }
            var failed = run._error != EvaluationError.None;
            if (!failed)
                fired?.Add(rule.Index);
            traces?.Add(new RuleTrace(rule.Name, source!.Rules[rule.Index].When, conditionValue, failed ? RuleOutcome.Failed : RuleOutcome.Fired, assigned!, run._error));
        }
        if (run._error != EvaluationError.None) return (run._error, null);
        return (EvaluationError.None, program.Outputs.Select(o => run._slots[o.Variable.Slot].Double).ToArray());
    }

    private ScalarValue ToScalar(IrType type, Value v) => type switch
    {
        IrType.Bool => ScalarValue.FromBool(v.Bits != 0),
        IrType.Int => ScalarValue.FromInt(v.Bits),
        IrType.Double => ScalarValue.FromDouble(v.Double),
        _ => ScalarValue.FromString(_batch.DecodeString((int)v.Bits)),
    };

    private void Fail(EvaluationError error)
    {
        if (_error == EvaluationError.None) _error = error;
    }

    private Value Eval(IrExpression e)
    {
        switch (e)
        {
            case IrConstant c:
                return c.Type switch
                {
                    IrType.Double => Value.Of(c.DoubleValue),
                    IrType.Int => Value.Of(c.IntValue),
                    IrType.Bool => Value.Of(c.BoolValue),
                    _ => Value.Of(c.SymbolValue),
                };
            case IrInputRead r:
            {
                var i = r.Input.Index;
                return r.Type switch
                {
                    IrType.Double => Value.Of(_batch.DoubleColumn(i)[_row]),
                    IrType.Int => Value.Of(_batch.IntColumn(i)[_row]),
                    IrType.Bool => Value.Of(_batch.BoolColumn(i)[_row]),
                    _ => Value.Of((long)_batch.SymbolColumn(i)[_row]),
                };
            }
            case IrVariableRead v:
                return _slots[v.Variable.Slot];
            case IrUnary u:
            {
                var x = Eval(u.Operand);
                return u.Op switch
                {
                    IrUnaryOp.Not => Value.Of(x.Bits == 0),
                    IrUnaryOp.IntToDouble => Value.Of((double)x.Bits),
                    _ => Value.Of(IrSemantics.Unary(u.Op, x.Double)),
                };
            }
            case IrBinary b:
                return Binary(b);
            case IrConditional c:
                return Eval(c.Condition).Bits != 0 ? Eval(c.WhenTrue) : Eval(c.WhenFalse);
            case IrMembership m:
            {
                var x = Eval(m.Value);
                return Value.Of(m.Value.Type == IrType.Double
                    ? IrSemantics.Contains(m.DoubleItems.ToArray(), x.Double)
                    : IrSemantics.Contains(m.IntItems.ToArray(), x.Bits));
            }
            case IrTableLookup t:
            {
                var key = Eval(t.Key);
                var i = t.Table.Find(key.Bits);
                if (i >= 0) return Value.Of(t.Table.Values[i]);
                if (t.Table.Default is { } d) return Value.Of(d);
                Fail(EvaluationError.MissingTableKey);
                return Value.Of(0.0);
            }
            case IrTierLookup t:
            {
                var x = Eval(t.Value);
                var i = t.Tier.Find(x.Double);
                if (i >= 0) return Value.Of(t.Tier.Values[i]);
                if (t.Tier.Default is { } d) return Value.Of(d);
                Fail(EvaluationError.BelowFirstTier);
                return Value.Of(0.0);
            }
            default:
                throw new ArgumentException($"Unknown IR node {e.GetType().Name}.", nameof(e));
        }
    }

    private Value Binary(IrBinary b)
    {
        if (b.Op == IrBinaryOp.And) return Eval(b.Left).Bits != 0 ? Eval(b.Right) : Value.Of(false);
        if (b.Op == IrBinaryOp.Or) return Eval(b.Left).Bits != 0 ? Value.Of(true) : Eval(b.Right);
        var l = Eval(b.Left);
        var r = Eval(b.Right);
        if (IrSemantics.IsArithmetic(b.Op))
        {
            if (IrSemantics.IsDivision(b.Op) && r.Double == 0)
            {
                Fail(EvaluationError.DivisionByZero);
                return Value.Of(0.0);
            }
            return Value.Of(IrSemantics.Arithmetic(b.Op, l.Double, r.Double));
        }
        return Value.Of(b.Left.Type == IrType.Double ? IrSemantics.Compare(b.Op, l.Double, r.Double) : IrSemantics.Compare(b.Op, l.Bits, r.Bits));
    }

    /// <summary>A value of any IR type: doubles in <see cref="Double"/>, everything else in <see cref="Bits"/>.</summary>
    private readonly record struct Value(double Double, long Bits)
    {
        public static Value Of(double d) => new(d, 0);

        public static Value Of(long l) => new(0, l);

        public static Value Of(bool b) => new(0, b ? 1 : 0);
    }
}
