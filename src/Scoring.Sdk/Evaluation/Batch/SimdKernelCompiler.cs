using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using Scoring.RuleSets;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// Evaluates rows <c>start .. end-1</c>, <see cref="SimdKernelCompiler.RowsPerStep"/> rows at a time. Preconditions
/// (checked by <see cref="SimdBatchEvaluator"/>): <c>end - start</c> is a multiple of
/// <see cref="SimdKernelCompiler.RowsPerStep"/> and every column and result array holds at least <c>end</c> elements.
/// </summary>
internal delegate void SimdKernel(Array[] columns, int start, int end, long[][] outputs, EvaluationError[] errors);

/// <summary>
/// Compiles a <see cref="RuleProgram"/> to one fused vector kernel through System.Linq.Expressions: the loop body
/// computes the whole rule program on <see cref="Vector{T}"/>s of rows in registers — loads of the input columns,
/// every rule, the conversion of each output, one store per output and of the error codes — so each report's bytes are read once
/// and no intermediate value goes through memory. Values are <c>Vector&lt;double&gt;</c> (Double) or
/// <c>Vector&lt;long&gt;</c> (Int, Symbol, and Bool as masks: 0 or all ones).
/// </summary>
/// <remarks>
/// <para>Control flow becomes data flow: both branches of <c>c ? a : b</c> and both operands of <c>&amp;&amp;</c>/<c>||</c>
/// are computed for every lane and combined with selects; a rule's assignments are selects on its condition.</para>
/// <para>What keeps errors exact is the <em>active mask</em> each node is compiled under — the lanes in which the
/// scalar reference would actually evaluate it (the rule fired, the branch was taken, the left operand did not
/// decide). Only error-raising nodes (division, remainder, lookups without default) consult it, and only active
/// lanes without an earlier error record theirs. Statements are emitted in the scalar depth-first order, so a row's
/// error is the first one the reference would report.</para>
/// <para>Every operation is the same IEEE-754 operation as the scalar delegate's, one rounding each: the JIT never
/// contracts a separate vector multiply and add into a fused multiply-add.</para>
/// <para>Each loop step evaluates <see cref="VectorsPerStep"/> vectors of rows with their statements interleaved: a rule
/// program is one long dependency chain through its variables (each rule reads what the previous one wrote), and
/// independent chains side by side let the core overlap them instead of waiting on each operation's latency. The
/// price is code size: the loop body grows with the program times <see cref="VectorsPerStep"/> (3.7 KB of machine code for the
/// 10-rule image-job set, 9 KB at 20 rules, 120 KB at 110 rules, where instruction fetch, not arithmetic, bounds it).</para>
/// <para>Pure subexpressions are returned as expression trees and consumed by the next statement; values used more
/// than once (conditions, divisors, lookup results) are kept in locals. Slots change only in assignment statements,
/// which consume their value right away, so no pending expression ever sees a slot change under it.</para>
/// </remarks>
internal sealed class SimdKernelCompiler
{
    private const BindingFlags StaticPublic = BindingFlags.Public | BindingFlags.Static;
    private static readonly Type DoubleVector = typeof(Vector<double>);
    private static readonly Type LongVector = typeof(Vector<long>);

    private readonly RuleProgram _program;
    private readonly ParameterExpression _columns = Expression.Parameter(typeof(Array[]), "columns");
    private readonly ParameterExpression _row = Expression.Variable(typeof(int), "row");
    private readonly ParameterExpression[] _columnLocals;
    private readonly List<ParameterExpression> _locals = [];
    private readonly List<Expression> _prologue = [];
    private readonly Dictionary<(bool IsDouble, long Bits), ParameterExpression> _constants = [];
    private readonly Dictionary<object, ParameterExpression> _arrays = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IrTable, ParameterExpression> _denseTables = [];
    private readonly Dictionary<IrExpression, bool> _canFail = new(ReferenceEqualityComparer.Instance);

    /// <summary>The vector of rows whose statements are being emitted.</summary>
    private LaneGroup _group = null!;

    private SimdKernelCompiler(RuleProgram program)
    {
        _program = program;
        _columnLocals = program.Inputs.Select(i => Local(ColumnType(i.Type), "c_" + i.Name)).ToArray();
        for (var i = 0; i < _columnLocals.Length; i++)
        {
            _prologue.Add(Expression.Assign(_columnLocals[i], Expression.Convert(Expression.ArrayIndex(_columns, Expression.Constant(i)), _columnLocals[i].Type)));
        }
    }

    /// <summary>
    /// Vectors of rows per loop step (interleaved; see remarks). Measured on the image-job rule sets (AVX-512 VM,
    /// 4-lane vectors): 3 beat 1, 2, 4 and 6 — more groups run out of vector registers and spill.
    /// </summary>
    public const int VectorsPerStep = 3;

    /// <summary>Rows per loop step.</summary>
    public static int RowsPerStep => VectorsPerStep * Vector<long>.Count;

    public static SimdKernel Compile(RuleProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new SimdKernelCompiler(program).Build();
    }

    private SimdKernel Build()
    {
        var start = Expression.Parameter(typeof(int), "start");
        var end = Expression.Parameter(typeof(int), "end");
        var outputs = Expression.Parameter(typeof(long[][]), "outputs");
        var errors = Expression.Parameter(typeof(EvaluationError[]), "errors");
        // each output's array in a local before the loop, like the columns
        var outputArrays = _program.Outputs.Select(o => Local(typeof(long[]), "out_" + o.Name)).ToArray();
        for (var k = 0; k < outputArrays.Length; k++)
        {
            _prologue.Add(Expression.Assign(outputArrays[k], Expression.ArrayIndex(outputs, Expression.Constant(k))));
        }

        var groups = new LaneGroup[VectorsPerStep];
        for (var g = 0; g < groups.Length; g++)
        {
            _group = groups[g] = new LaneGroup(
                g == 0 ? _row : Expression.Add(_row, Expression.Constant(g * Vector<long>.Count)),
                Local(LongVector, $"error{g}"),
                [.. _program.Variables.Select(v => Local(VectorType(v.Type), $"v{g}_{v.Name}"))],
                _program.Inputs.Count);
            // every slot starts each vector of rows at zero, so no lane ever sees another row's value
            foreach (var slot in _group.Slots) Emit(Expression.Assign(slot, Expression.Default(slot.Type)));
            Emit(Expression.Assign(_group.Error, Expression.Default(LongVector)));
            foreach (var rule in _program.Rules) CompileRule(rule);
            StoreOutputs(outputArrays, errors);
        }
        var body = Interleave(groups);
        body.Add(Expression.AddAssign(_row, Expression.Constant(RowsPerStep)));

        var done = Expression.Label("done");
        var loop = Expression.Block(
            Expression.Assign(_row, start),
            Expression.Loop(
                Expression.IfThenElse(Expression.LessThan(_row, end), Expression.Block(body), Expression.Break(done)),
                done));
        var block = Expression.Block(_locals.Append(_row), _prologue.Append(loop));
        return Expression.Lambda<SimdKernel>(block, _columns, start, end, outputs, errors).Compile();
    }

    /// <summary>
    /// Converts the outputs in order and stores them and the error codes. One points output — most rule sets — is the
    /// fused <see cref="VectorColumns.StoreResults"/>; otherwise each output raises its conversion error in lanes
    /// without one (the scalar order), and the values are stored after the last, zeroed where a row ended with an error.
    /// </summary>
    private void StoreOutputs(ParameterExpression[] outputArrays, ParameterExpression errors)
    {
        if (_program.Outputs is [{ Type: RuleOutputType.Points } only])
        {
            Emit(Expression.Call(Method(typeof(VectorColumns), nameof(VectorColumns.StoreResults)), _group.Slots[only.Variable.Slot], _group.Error, outputArrays[0], errors, _group.Row));
            return;
        }
        _group.ReleaseTemporaries();
        var values = new Expression[_program.Outputs.Count];
        foreach (var output in _program.Outputs)
        {
            var value = _group.Slots[output.Variable.Slot];
            if (output.Type == RuleOutputType.Points)
            {
                var scaled = Materialize(Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.ScaleToUnits)), value));
                Emit(Expression.Assign(_group.Error, Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.RaisePoints)), _group.Error, value, scaled)));
                values[output.Index] = Materialize(Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.Units)), scaled));
            }
            else
            {
                Emit(Expression.Assign(_group.Error, Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.RaiseNonFinite)), _group.Error, value)));
                // slots change no more after the last rule, so the bits can be taken when stored
                values[output.Index] = Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.Bits)), value);
            }
        }
        foreach (var output in _program.Outputs)
        {
            Emit(Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.StoreValues)), values[output.Index], _group.Error, outputArrays[output.Index], _group.Row));
        }
        Emit(Expression.Call(Method(typeof(VectorOutputs), nameof(VectorOutputs.StoreErrors)), _group.Error, errors, _group.Row));
    }

    private void CompileRule(IrRule rule)
    {
        _group.ReleaseTemporaries();
        ParameterExpression? fired = null;
        if (rule.Condition is not null)
        {
            // a local even for `when flag`: the rule fires on the value before its own assignments
            fired = Temporary(LongVector);
            Emit(Expression.Assign(fired, Compile(rule.Condition, null)));
        }
        foreach (var assignment in rule.Assignments)
        {
            var value = Compile(assignment.Value, fired);
            var slot = _group.Slots[assignment.Target.Slot];
            Emit(Expression.Assign(slot, fired is null ? value : Select(fired, value, slot)));
        }
    }

    /// <summary>Emits the statements <paramref name="e"/> needs and returns its value; <paramref name="active"/> (null: every lane) masks its errors.</summary>
    private Expression Compile(IrExpression e, Expression? active)
    {
        switch (e)
        {
            case IrConstant c:
                return c.Type == IrType.Double ? DoubleConstant(c.DoubleValue)
                    : LongConstant(c.Type switch { IrType.Int => c.IntValue, IrType.Bool => c.BoolValue ? -1L : 0L, _ => c.SymbolValue });
            case IrInputRead r:
                return Input(r.Input);
            case IrVariableRead v:
                return _group.Slots[v.Variable.Slot];
            case IrUnary u:
                return Unary(u, active);
            case IrBinary b:
                return Binary(b, active);
            case IrConditional c:
                return Conditional(c, active);
            case IrMembership m:
                return Membership(m, active);
            case IrTableLookup t:
                return TableLookup(t, active);
            case IrTierLookup t:
                return TierLookup(t, active);
            default:
                throw new ArgumentException($"Unknown IR node {e.GetType().Name}.", nameof(e));
        }
    }

    private Expression Unary(IrUnary u, Expression? active)
    {
        var x = Compile(u.Operand, active);
        return u.Op switch
        {
            IrUnaryOp.Negate => Apply<NegateOp>(x),
            IrUnaryOp.Abs => Apply<AbsOp>(x),
            IrUnaryOp.Floor => Apply<FloorOp>(x),
            IrUnaryOp.Ceiling => Apply<CeilingOp>(x),
            IrUnaryOp.IntToDouble => Apply<IntToDoubleOp>(x),
            IrUnaryOp.Not => Apply<NotOp>(x),
            _ => throw new ArgumentOutOfRangeException(nameof(u), u.Op, "Unknown unary operator."),
        };
    }

    private Expression Binary(IrBinary b, Expression? active)
    {
        if (b.Op is IrBinaryOp.And or IrBinaryOp.Or) return ShortCircuit(b, active);
        var left = Compile(b.Left, active);
        var right = Compile(b.Right, active);
        switch (b.Op)
        {
            case IrBinaryOp.Add: return Apply<AddOp>(left, right);
            case IrBinaryOp.Subtract: return Apply<SubtractOp>(left, right);
            case IrBinaryOp.Multiply: return Apply<MultiplyOp>(left, right);
            case IrBinaryOp.Min: return Apply<MinOp>(left, right);
            case IrBinaryOp.Max: return Apply<MaxOp>(left, right);
            case IrBinaryOp.Divide:
            case IrBinaryOp.Remainder:
            {
                // the dividend is computed first, then the divisor, then the divisor check — the scalar order
                var dividend = Materialize(left);
                var divisor = Materialize(right);
                if (!(b.Right is IrConstant { DoubleValue: not 0.0 })) Raise(Apply<IsZeroOp>(divisor), active, EvaluationError.DivisionByZero);
                return b.Op == IrBinaryOp.Divide
                    ? Apply<DivideOp>(dividend, divisor)
                    : Expression.Call(Method(typeof(VectorLookups), nameof(VectorLookups.Remainder)), dividend, divisor);
            }
            case IrBinaryOp.Equal: return Apply<EqualOp>(left, right);
            case IrBinaryOp.NotEqual: return Apply<NotEqualOp>(left, right);
            case IrBinaryOp.Less: return Apply<LessOp>(left, right);
            case IrBinaryOp.LessOrEqual: return Apply<LessOrEqualOp>(left, right);
            case IrBinaryOp.Greater: return Apply<GreaterOp>(left, right);
            case IrBinaryOp.GreaterOrEqual: return Apply<GreaterOrEqualOp>(left, right);
            default: throw new ArgumentOutOfRangeException(nameof(b), b.Op, "Unknown binary operator.");
        }
    }

    private Expression ShortCircuit(IrBinary b, Expression? active)
    {
        var left = Materialize(Compile(b.Left, active));
        Expression? rightActive = null;
        if (CanFail(b.Right))
        {
            // the right operand runs only where the left did not decide: left true for &&, left false for ||
            rightActive = Materialize(b.Op == IrBinaryOp.And
                ? (active is null ? left : Apply<AndOp>(active, left))
                : (active is null ? Apply<NotOp>(left) : Apply<AndNotOp>(active, left)));
        }
        var right = Compile(b.Right, rightActive);
        return b.Op == IrBinaryOp.And ? Apply<AndOp>(left, right) : Apply<OrOp>(left, right);
    }

    private Expression Conditional(IrConditional c, Expression? active)
    {
        var condition = Materialize(Compile(c.Condition, active));
        var whenTrue = Branch(c.WhenTrue, active, condition, taken: true);
        var whenFalse = Branch(c.WhenFalse, active, condition, taken: false);
        return Select(condition, whenTrue, whenFalse);
    }

    private Expression Branch(IrExpression branch, Expression? active, Expression condition, bool taken)
    {
        if (!CanFail(branch)) return Compile(branch, null);
        var mask = taken
            ? (active is null ? condition : Apply<AndOp>(active, condition))
            : (active is null ? Apply<NotOp>(condition) : Apply<AndNotOp>(active, condition));
        return Compile(branch, Materialize(mask));
    }

    private Expression Membership(IrMembership m, Expression? active)
    {
        var isDouble = m.Value.Type == IrType.Double;
        var count = isDouble ? m.DoubleItems.Count : m.IntItems.Count;
        var x = Materialize(Compile(m.Value, active));
        if (count > 16)
        {
            var items = isDouble ? ArrayLocal(m.DoubleItems.ToArray(), "items") : ArrayLocal(m.IntItems.ToArray(), "items");
            return Expression.Call(typeof(VectorLookups).GetMethod(nameof(VectorLookups.Contains), [items.Type, x.Type])!, items, x);
        }
        // short lists: one vector compare per item, OR of the masks (IEEE ==: NaN is in no list, -0.0 matches 0.0)
        Expression found = LongConstant(0);
        for (var i = 0; i < count; i++)
        {
            found = Apply<OrOp>(found, Apply<EqualOp>(x, isDouble ? DoubleConstant(m.DoubleItems[i]) : LongConstant(m.IntItems[i])));
        }
        return found;
    }

    private Expression TableLookup(IrTableLookup t, Expression? active)
    {
        var key = Compile(t.Key, active);
        var table = t.Table;
        ParameterExpression value;
        Expression missing;
        if (table.KeyType == IrType.Symbol)
        {
            if (!_denseTables.TryGetValue(table, out var dense))
            {
                dense = ArrayLocal(VectorLookups.PinnedDenseTable(table, _program.Symbols.Count), "dense_" + table.Name);
                _denseTables.Add(table, dense);
            }
            value = Materialize(Expression.Call(Method(typeof(VectorLookups), nameof(VectorLookups.GatherBySymbol)), dense, key));
            missing = Apply<IsNaNOp>(value); // table values are finite: NaN marks an absent id
        }
        else
        {
            var absent = Temporary(LongVector);
            value = Materialize(Expression.Call(Method(typeof(VectorLookups), nameof(VectorLookups.FindByKey)),
                ArrayLocal(table.Keys.ToArray(), "keys_" + table.Name), ArrayLocal(table.Values.ToArray(), "values_" + table.Name), key, absent));
            missing = absent;
        }
        if (table.Default is { } fallback) return Select(missing, DoubleConstant(fallback), value);
        Raise(missing, active, EvaluationError.MissingTableKey);
        return value;
    }

    private Expression TierLookup(IrTierLookup t, Expression? active)
    {
        var x = Materialize(Compile(t.Value, active));
        var tier = t.Tier;
        var fallback = tier.Default ?? 0.0;
        if (tier.Thresholds.Count > 16)
        {
            var below = Temporary(LongVector);
            var found = Materialize(Expression.Call(Method(typeof(VectorLookups), nameof(VectorLookups.FindTier)),
                ArrayLocal(tier.Thresholds.ToArray(), "thresholds_" + tier.Name), ArrayLocal(tier.Values.ToArray(), "tiers_" + tier.Name),
                Expression.Constant(fallback), x, below));
            if (tier.Default is null) Raise(below, active, EvaluationError.BelowFirstTier);
            return found;
        }
        // short tiers: a chain of selects (thresholds increase, so the last threshold ≤ x wins; NaN matches none)
        Expression value = DoubleConstant(fallback);
        for (var i = 0; i < tier.Thresholds.Count; i++)
        {
            value = Select(Apply<LessOrEqualOp>(DoubleConstant(tier.Thresholds[i]), x), DoubleConstant(tier.Values[i]), value);
        }
        if (tier.Default is null)
        {
            var result = Materialize(value);
            Raise(Apply<NotOp>(Apply<LessOrEqualOp>(DoubleConstant(tier.Thresholds[0]), x)), active, EvaluationError.BelowFirstTier);
            return result;
        }
        return value;
    }

    /// <summary>Whether evaluating <paramref name="e"/> can raise an error (only then does it need an active mask).</summary>
    private bool CanFail(IrExpression e)
    {
        if (_canFail.TryGetValue(e, out var known)) return known;
        var result = e switch
        {
            IrBinary b => (IrSemantics.IsDivision(b.Op) && !(b.Right is IrConstant { DoubleValue: not 0.0 })) || CanFail(b.Left) || CanFail(b.Right),
            IrUnary u => CanFail(u.Operand),
            IrConditional c => CanFail(c.Condition) || CanFail(c.WhenTrue) || CanFail(c.WhenFalse),
            IrMembership m => CanFail(m.Value),
            IrTableLookup t => t.Table.Default is null || CanFail(t.Key),
            IrTierLookup t => t.Tier.Default is null || CanFail(t.Value),
            _ => false,
        };
        _canFail[e] = result;
        return result;
    }

    /// <summary>Records <paramref name="code"/> for the lanes where <paramref name="failed"/> holds and the node is active.</summary>
    private void Raise(Expression failed, Expression? active, EvaluationError code)
    {
        var where = active is null ? failed : Apply<AndOp>(active, failed);
        Emit(Expression.Assign(_group.Error, Expression.Call(Method(typeof(VectorMasks), nameof(VectorMasks.Raise)), _group.Error, where, LongConstant((long)code))));
    }

    /// <summary>The current rows of an input, loaded into a local at its first use (the body is straight-line code).</summary>
    private ParameterExpression Input(IrInput input)
    {
        if (_group.Inputs[input.Index] is { } loaded) return loaded;
        var load = input.Type switch
        {
            IrType.Double => nameof(VectorColumns.LoadDoubles),
            IrType.Int => nameof(VectorColumns.LoadLongs),
            IrType.Bool => nameof(VectorColumns.LoadBools),
            _ => nameof(VectorColumns.LoadSymbols),
        };
        var local = Local(VectorType(input.Type), "in_" + input.Name);
        Emit(Expression.Assign(local, Expression.Call(Method(typeof(VectorColumns), load), _columnLocals[input.Index], _group.Row)));
        _group.Inputs[input.Index] = local;
        return local;
    }

    private ParameterExpression DoubleConstant(double value) => Constant(true, BitConverter.DoubleToInt64Bits(value), Expression.Constant(value));

    private ParameterExpression LongConstant(long value) => Constant(false, value, Expression.Constant(value));

    /// <summary>A broadcast constant, created once before the loop.</summary>
    private ParameterExpression Constant(bool isDouble, long bits, ConstantExpression scalar)
    {
        if (_constants.TryGetValue((isDouble, bits), out var local)) return local;
        var type = isDouble ? DoubleVector : LongVector;
        local = Local(type, "k" + _constants.Count);
        _prologue.Add(Expression.Assign(local, Expression.New(type.GetConstructor([scalar.Type])!, scalar)));
        _constants.Add((isDouble, bits), local);
        return local;
    }

    private ParameterExpression ArrayLocal(Array array, string name)
    {
        if (_arrays.TryGetValue(array, out var local)) return local;
        local = Local(array.GetType(), name);
        _prologue.Add(Expression.Assign(local, Expression.Constant(array)));
        _arrays.Add(array, local);
        return local;
    }

    private ParameterExpression Materialize(Expression value)
    {
        if (value is ParameterExpression local) return local;
        local = Temporary(value.Type);
        Emit(Expression.Assign(local, value));
        return local;
    }

    private void Emit(Expression statement) => _group.Body.Add(statement);

    /// <summary>
    /// The groups' statements one from each in turn. Every group is compiled from the same program by the same steps,
    /// so statement k of one group is statement k of the others on different rows.
    /// </summary>
    private static List<Expression> Interleave(LaneGroup[] groups)
    {
        var count = groups[0].Body.Count;
        if (groups.Any(g => g.Body.Count != count)) throw new InvalidOperationException("Lane groups compiled to different statement counts.");
        var body = new List<Expression>(count * groups.Length);
        for (var k = 0; k < count; k++)
        {
            foreach (var group in groups) body.Add(group.Body[k]);
        }
        return body;
    }

    /// <summary>
    /// A local for a value used only within the current rule (values cross rules only through slots): recycled from
    /// rule to rule, so the kernel's local count grows with the largest rule instead of the whole program and the JIT
    /// keeps tracking every local in registers.
    /// </summary>
    private ParameterExpression Temporary(Type type) => _group.Temporary(type, () => Local(type, "t"));

    private ParameterExpression Local(Type type, string name)
    {
        var local = Expression.Variable(type, name);
        _locals.Add(local);
        return local;
    }

    private static Expression Select(Expression mask, Expression whenTrue, Expression whenFalse) =>
        Expression.Call(typeof(VectorMasks).GetMethod(nameof(VectorMasks.Select), [LongVector, whenTrue.Type, whenFalse.Type])!, mask, whenTrue, whenFalse);

    /// <summary>Calls <typeparamref name="TOp"/>'s <c>Apply</c> for the operands' vector types (the vector operations of <c>VectorOperations.cs</c>).</summary>
    private static Expression Apply<TOp>(params Expression[] operands) =>
        Expression.Call(typeof(TOp).GetMethod("Apply", StaticPublic, [.. operands.Select(o => o.Type)])
            ?? throw new InvalidOperationException($"{typeof(TOp).Name} has no Apply for {string.Join(", ", operands.Select(o => o.Type.Name))}."), operands);

    private static MethodInfo Method(Type type, string name) => type.GetMethod(name, StaticPublic)!;

    private static Type VectorType(IrType type) => type == IrType.Double ? DoubleVector : LongVector;

    private static Type ColumnType(IrType type) => type switch
    {
        IrType.Double => typeof(double[]),
        IrType.Int => typeof(long[]),
        IrType.Bool => typeof(bool[]),
        _ => typeof(int[]),
    };

    /// <summary>One vector of rows within a loop step: its first row, error codes, variables, loaded inputs and statements.</summary>
    private sealed class LaneGroup(Expression row, ParameterExpression error, ParameterExpression[] slots, int inputCount)
    {
        public Expression Row { get; } = row;

        public ParameterExpression Error { get; } = error;

        public ParameterExpression[] Slots { get; } = slots;

        /// <summary>Each input's current rows, loaded into a local at first use.</summary>
        public ParameterExpression?[] Inputs { get; } = new ParameterExpression?[inputCount];

        public List<Expression> Body { get; } = [];

        private readonly Dictionary<Type, List<ParameterExpression>> _temporaries = [];
        private readonly Dictionary<Type, int> _temporariesInUse = [];

        public ParameterExpression Temporary(Type type, Func<ParameterExpression> create)
        {
            if (!_temporaries.TryGetValue(type, out var pool)) _temporaries[type] = pool = [];
            var inUse = _temporariesInUse.GetValueOrDefault(type);
            if (inUse == pool.Count) pool.Add(create());
            _temporariesInUse[type] = inUse + 1;
            return pool[inUse];
        }

        public void ReleaseTemporaries() => _temporariesInUse.Clear();
    }
}
