using System.Linq.Expressions;
using System.Reflection;
using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// Evaluates rows <c>start .. end-1</c> of the columns into <paramref name="outputs"/> (one array per output: units or
/// IEEE bits) and <paramref name="errors"/>.
/// </summary>
internal delegate void BatchKernel(Array[] columns, int start, int end, long[][] outputs, EvaluationError[] errors);

/// <summary>
/// Evaluates one row: the primary output's value and its double before conversion in <paramref name="value"/> and
/// <paramref name="output"/>; when <paramref name="values"/>/<paramref name="outputs"/> are given (one element per
/// output), every output's value and double too.
/// </summary>
internal delegate EvaluationError RowKernel(Array[] columns, int row, out long value, out double output, long[]? values, double[]? outputs);

/// <summary>
/// Compiles a <see cref="RuleProgram"/> to delegates through System.Linq.Expressions. The batch kernel loads each
/// column and table array into a local once, then loops over rows with variable slots in locals, so a row costs
/// only its arithmetic. Errors set a local error code (first one wins) and evaluation of the row goes on
/// harmlessly, which keeps every expression branch-free of exceptions.
/// The emitted operations are the IEEE ones of <see cref="IrSemantics"/>; the JIT does not contract a*b+c into
/// a fused multiply-add, so results equal the interpreter's bit for bit.
/// </summary>
internal sealed class IrCompiler
{
    private static readonly MethodInfo MathAbs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
    private static readonly MethodInfo MathFloor = typeof(Math).GetMethod(nameof(Math.Floor), [typeof(double)])!;
    private static readonly MethodInfo MathCeiling = typeof(Math).GetMethod(nameof(Math.Ceiling), [typeof(double)])!;
    private static readonly MethodInfo MathRound = typeof(Math).GetMethod(nameof(Math.Round), [typeof(double)])!;
    private static readonly MethodInfo DoubleToBits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits), [typeof(double)])!;
    private static readonly MethodInfo ContainsLong = typeof(IrSemantics).GetMethod(nameof(IrSemantics.Contains), [typeof(long[]), typeof(long)])!;
    private static readonly MethodInfo ContainsDouble = typeof(IrSemantics).GetMethod(nameof(IrSemantics.Contains), [typeof(double[]), typeof(double)])!;
    private static readonly MethodInfo FindKey = typeof(IrSemantics).GetMethod(nameof(IrSemantics.Find), [typeof(long[]), typeof(long)])!;
    private static readonly MethodInfo FindTier = typeof(IrSemantics).GetMethod(nameof(IrSemantics.FindTier), [typeof(double[]), typeof(double)])!;

    private readonly RuleProgram _program;
    private readonly ParameterExpression _columns = Expression.Parameter(typeof(Array[]), "columns");
    private readonly ParameterExpression _row = Expression.Variable(typeof(int), "row");
    private readonly ParameterExpression _error = Expression.Variable(typeof(EvaluationError), "error");
    private readonly ParameterExpression[] _columnLocals;
    private readonly ParameterExpression[] _slots;
    private readonly List<ParameterExpression> _constantLocals = [];
    private readonly List<Expression> _prologue = [];
    private readonly Dictionary<object, ParameterExpression> _constantArrays = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IrTable, (ParameterExpression Keys, ParameterExpression Values)> _tables = [];
    private readonly Dictionary<IrTier, (ParameterExpression Thresholds, ParameterExpression Values)> _tiers = [];
    private readonly Dictionary<IrTable, ParameterExpression> _dense = [];

    private IrCompiler(RuleProgram program)
    {
        _program = program;
        _columnLocals = program.Inputs.Select(i => Expression.Variable(ColumnType(i.Type), "c_" + i.Name)).ToArray();
        _slots = program.Variables.Select(v => Expression.Variable(ClrType(v.Type), "v_" + v.Name)).ToArray();
        for (var i = 0; i < _columnLocals.Length; i++)
        {
            _prologue.Add(Expression.Assign(_columnLocals[i], Expression.Convert(Expression.ArrayIndex(_columns, Expression.Constant(i)), _columnLocals[i].Type)));
        }
    }

    public static BatchKernel CompileBatch(RuleProgram program) => new IrCompiler(program).BuildBatch();

    public static RowKernel CompileRow(RuleProgram program) => new IrCompiler(program).BuildRow();

    private BatchKernel BuildBatch()
    {
        var start = Expression.Parameter(typeof(int), "start");
        var end = Expression.Parameter(typeof(int), "end");
        var outputs = Expression.Parameter(typeof(long[][]), "outputs");
        var errors = Expression.Parameter(typeof(EvaluationError[]), "errors");
        var values = OutputValueLocals();
        // each output's array in a local once, like the columns: no jagged-array load per row
        var arrays = _program.Outputs.Select(o => Expression.Variable(typeof(long[]), "out_" + o.Name)).ToArray();
        var body = RowBody(values); // first: compiling the rules adds the table arrays to the prologue
        var prologue = _prologue.Concat(arrays.Select((a, k) => (Expression)Expression.Assign(a, Expression.ArrayIndex(outputs, Expression.Constant(k))))).ToList();
        var store = arrays.Select((a, k) => (Expression)Expression.Assign(Expression.ArrayAccess(a, _row), values[k]));
        var breakLabel = Expression.Label("done");
        var loop = Expression.Block(
            Expression.Assign(_row, start),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(_row, end),
                    Expression.Block(
                        store.Prepend(body).Concat([
                            Expression.Assign(Expression.ArrayAccess(errors, _row), _error),
                            Expression.PreIncrementAssign(_row)])),
                    Expression.Break(breakLabel)),
                breakLabel));
        var block = Expression.Block(Locals(values).Concat(arrays), prologue.Append(loop));
        return Expression.Lambda<BatchKernel>(block, _columns, start, end, outputs, errors).Compile();
    }

    private RowKernel BuildRow()
    {
        var row = Expression.Parameter(typeof(int), "rowIndex");
        var value = Expression.Parameter(typeof(long).MakeByRefType(), "value");
        var output = Expression.Parameter(typeof(double).MakeByRefType(), "output");
        var allValues = Expression.Parameter(typeof(long[]), "values");
        var allOutputs = Expression.Parameter(typeof(double[]), "outputs");
        var values = OutputValueLocals();
        var body = RowBody(values);
        var everyOutput = _program.Outputs.SelectMany(o => new Expression[]
        {
            Expression.Assign(Expression.ArrayAccess(allValues, Expression.Constant(o.Index)), values[o.Index]),
            Expression.Assign(Expression.ArrayAccess(allOutputs, Expression.Constant(o.Index)), _slots[o.Variable.Slot]),
        });
        var block = Expression.Block(
            Locals(values),
            _prologue.Concat([
                Expression.Assign(_row, row),
                body,
                Expression.Assign(value, values[0]),
                Expression.Assign(output, _slots[_program.Output.Slot]),
                Expression.IfThen(
                    Expression.AndAlso(Expression.NotEqual(allValues, Expression.Constant(null, typeof(long[]))), Expression.NotEqual(allOutputs, Expression.Constant(null, typeof(double[])))),
                    Expression.Block(everyOutput)),
                _error]));
        return Expression.Lambda<RowKernel>(block, _columns, row, value, output, allValues, allOutputs).Compile();
    }

    private ParameterExpression[] OutputValueLocals() =>
        _program.Outputs.Select(o => Expression.Variable(typeof(long), "value_" + o.Name)).ToArray();

    private IEnumerable<ParameterExpression> Locals(ParameterExpression[] values) =>
        _columnLocals.Concat(_slots).Concat(_constantLocals).Append(_row).Append(_error).Concat(values);

    private Expression RowBody(ParameterExpression[] values)
    {
        var statements = new List<Expression> { Expression.Assign(_error, Expression.Constant(EvaluationError.None)) };
        statements.AddRange(values.Select(v => Expression.Assign(v, Expression.Constant(0L))));
        foreach (var rule in _program.Rules)
        {
            var assignments = rule.Assignments.Select(a => (Expression)Expression.Assign(_slots[a.Target.Slot], Compile(a.Value))).ToList();
            if (assignments.Count == 0) assignments.Add(Expression.Empty());
            var block = Expression.Block(assignments);
            statements.Add(rule.Condition is null ? block : Expression.IfThen(Compile(rule.Condition), block));
        }
        // each output converted once, in output order, while the row has no error (the first error wins)
        foreach (var output in _program.Outputs) statements.Add(ConvertOutput(output, values[output.Index]));
        if (values.Length > 1)
        {
            // a later output's error voids the row after earlier outputs were converted: a voided row is all zeros
            statements.Add(Expression.IfThen(
                Expression.NotEqual(_error, Expression.Constant(EvaluationError.None)),
                Expression.Block(values.Select(v => Expression.Assign(v, Expression.Constant(0L))))));
        }
        return Expression.Block(statements);
    }

    /// <summary>
    /// <c>value = </c> the output's micro-points (identical to <see cref="PointsConversion.TryToUnits"/>) or raw IEEE
    /// bits (identical to <see cref="OutputConversion.TryConvert"/>), or the error, when the row has none yet.
    /// </summary>
    private Expression ConvertOutput(IrOutput output, ParameterExpression value)
    {
        var v = _slots[output.Variable.Slot];
        // finite ⇔ v - v == 0 (∞ - ∞ and NaN - NaN are NaN): no call in the row loop
        var notFinite = Expression.NotEqual(Expression.Subtract(v, v), Expression.Constant(0.0));
        var nonFinite = Expression.Assign(_error, Expression.Constant(EvaluationError.NonFiniteOutput));
        Expression finite;
        if (output.Type == RuleOutputType.Double)
        {
            finite = Expression.Assign(value, Expression.Call(DoubleToBits, v));
        }
        else
        {
            var rounded = Expression.Variable(typeof(double), "rounded");
            finite = Expression.Block(
                [rounded],
                Expression.Assign(rounded, Expression.Call(MathRound, Expression.Multiply(v, Expression.Constant(PointsConversion.UnitsPerPoint)))),
                Expression.IfThenElse(
                    Expression.AndAlso(
                        Expression.GreaterThanOrEqual(rounded, Expression.Constant(-PointsConversion.Limit)),
                        Expression.LessThan(rounded, Expression.Constant(PointsConversion.Limit))),
                    Expression.Assign(value, Expression.Convert(rounded, typeof(long))),
                    Expression.Assign(_error, Expression.Constant(EvaluationError.PointsOutOfRange))));
        }
        return Expression.IfThen(
            Expression.Equal(_error, Expression.Constant(EvaluationError.None)),
            Expression.IfThenElse(notFinite, nonFinite, finite));
    }

    /// <summary><c>error = error == None ? code : error</c>, then <paramref name="fallback"/> as the value.</summary>
    private Expression Fail(EvaluationError code, Expression fallback) =>
        Expression.Block(
            Expression.IfThen(
                Expression.Equal(_error, Expression.Constant(EvaluationError.None)),
                Expression.Assign(_error, Expression.Constant(code))),
            fallback);

    private ParameterExpression ArrayLocal<T>(T[] array, string name)
    {
        if (_constantArrays.TryGetValue(array, out var local)) return local;
        local = Expression.Variable(typeof(T[]), name);
        _constantLocals.Add(local);
        _prologue.Add(Expression.Assign(local, Expression.Constant(array)));
        _constantArrays.Add(array, local);
        return local;
    }

    private Expression Compile(IrExpression e)
    {
        switch (e)
        {
            case IrConstant c:
                return c.Type switch
                {
                    IrType.Double => Expression.Constant(c.DoubleValue),
                    IrType.Int => Expression.Constant(c.IntValue),
                    IrType.Bool => Expression.Constant(c.BoolValue),
                    _ => Expression.Constant(c.SymbolValue),
                };
            case IrInputRead r:
                return Expression.ArrayIndex(_columnLocals[r.Input.Index], _row);
            case IrVariableRead v:
                return _slots[v.Variable.Slot];
            case IrUnary u:
            {
                var x = Compile(u.Operand);
                return u.Op switch
                {
                    IrUnaryOp.Negate => Expression.Negate(x),
                    IrUnaryOp.Not => Expression.Not(x),
                    IrUnaryOp.Abs => Expression.Call(MathAbs, x),
                    IrUnaryOp.Floor => Expression.Call(MathFloor, x),
                    IrUnaryOp.Ceiling => Expression.Call(MathCeiling, x),
                    _ => Expression.Convert(x, typeof(double)),
                };
            }
            case IrBinary b:
                return Binary(b);
            case IrConditional c:
                return Expression.Condition(Compile(c.Condition), Compile(c.WhenTrue), Compile(c.WhenFalse), ClrType(c.Type));
            case IrMembership m:
                return Membership(m);
            case IrTableLookup t:
                return TableLookup(t);
            case IrTierLookup t:
                return TierLookup(t);
            default:
                throw new ArgumentException($"Unknown IR node {e.GetType().Name}.", nameof(e));
        }
    }

    private Expression Binary(IrBinary b)
    {
        var left = Compile(b.Left);
        var right = Compile(b.Right);
        switch (b.Op)
        {
            case IrBinaryOp.And: return Expression.AndAlso(left, right);
            case IrBinaryOp.Or: return Expression.OrElse(left, right);
            case IrBinaryOp.Add: return Expression.Add(left, right);
            case IrBinaryOp.Subtract: return Expression.Subtract(left, right);
            case IrBinaryOp.Multiply: return Expression.Multiply(left, right);
            case IrBinaryOp.Min: return MinMax(left, right, isMin: true);
            case IrBinaryOp.Max: return MinMax(left, right, isMin: false);
            case IrBinaryOp.Divide:
            case IrBinaryOp.Remainder:
            {
                // both operands first (source order), then the divisor check
                var a = Expression.Variable(typeof(double), "dividend");
                var d = Expression.Variable(typeof(double), "divisor");
                var operation = b.Op == IrBinaryOp.Divide ? Expression.Divide(a, d) : Expression.Modulo(a, d);
                return Expression.Block(
                    [a, d],
                    Expression.Assign(a, left),
                    Expression.Assign(d, right),
                    Expression.Condition(
                        Expression.Equal(d, Expression.Constant(0.0)),
                        Fail(EvaluationError.DivisionByZero, Expression.Constant(0.0)),
                        operation));
            }
            case IrBinaryOp.Equal: return Expression.Equal(left, right);
            case IrBinaryOp.NotEqual: return Expression.NotEqual(left, right);
            case IrBinaryOp.Less: return Expression.LessThan(left, right);
            case IrBinaryOp.LessOrEqual: return Expression.LessThanOrEqual(left, right);
            case IrBinaryOp.Greater: return Expression.GreaterThan(left, right);
            case IrBinaryOp.GreaterOrEqual: return Expression.GreaterThanOrEqual(left, right);
            default: throw new ArgumentOutOfRangeException(nameof(b));
        }
    }

    /// <summary>
    /// <see cref="IrSemantics.Min"/>/<see cref="IrSemantics.Max"/> inlined as compares (no call in the row loop):
    /// for equal operands the only case where bits can differ is ±0, where <c>-(-a - b)</c> gives the minimum's sign
    /// and <c>a + b</c> the maximum's.
    /// </summary>
    private static Expression MinMax(Expression left, Expression right, bool isMin)
    {
        var a = Expression.Variable(typeof(double), "a");
        var b = Expression.Variable(typeof(double), "b");
        var zero = Expression.Constant(0.0);
        Expression equalCase = Expression.Condition(
            Expression.Equal(a, zero),
            isMin ? Expression.Negate(Expression.Subtract(Expression.Negate(a), b)) : Expression.Add(a, b),
            a);
        var body = Expression.Condition(
            isMin ? Expression.LessThan(a, b) : Expression.GreaterThan(a, b),
            a,
            Expression.Condition(
                isMin ? Expression.LessThan(b, a) : Expression.GreaterThan(b, a),
                b,
                Expression.Condition(Expression.Equal(a, b), equalCase, Expression.Constant(double.NaN))));
        return Expression.Block([a, b], Expression.Assign(a, left), Expression.Assign(b, right), body);
    }

    private Expression Membership(IrMembership m)
    {
        var value = Compile(m.Value);
        var isDouble = m.Value.Type == IrType.Double;
        var count = isDouble ? m.DoubleItems.Count : m.IntItems.Count;
        if (count == 0) return Expression.Block(value, Expression.Constant(false));
        if (count <= 8)
        {
            // short lists: a chain of compares on one temporary beats a call
            var x = Expression.Variable(value.Type, "member");
            Expression? test = null;
            for (var i = 0; i < count; i++)
            {
                Expression item = isDouble ? Expression.Constant(m.DoubleItems[i])
                    : m.Value.Type == IrType.Symbol ? Expression.Constant((int)m.IntItems[i])
                    : Expression.Constant(m.IntItems[i]);
                var eq = Expression.Equal(x, item);
                test = test is null ? eq : Expression.OrElse(test, eq);
            }
            return Expression.Block([x], Expression.Assign(x, value), test!);
        }
        if (isDouble) return Expression.Call(ContainsDouble, ArrayLocal(m.DoubleItems.ToArray(), "items"), value);
        var asLong = m.Value.Type == IrType.Symbol ? Expression.Convert(value, typeof(long)) : value;
        return Expression.Call(ContainsLong, ArrayLocal(m.IntItems.ToArray(), "items"), asLong);
    }

    private Expression Missing(double? fallback, EvaluationError error) =>
        fallback is { } d ? Expression.Constant(d) : Fail(error, Expression.Constant(0.0));

    private Expression TableLookup(IrTableLookup t)
    {
        var key = Compile(t.Key);
        var table = t.Table;
        if (table.KeyType == IrType.Symbol)
        {
            // dense by symbol id, NaN = absent (values are finite); ids ≥ length are batch-local strings: absent
            if (!_dense.TryGetValue(table, out var dense))
            {
                dense = ArrayLocal(table.ToDenseBySymbol(_program.Symbols.Count), "dense_" + table.Name);
                _dense.Add(table, dense);
            }
            var id = Expression.Variable(typeof(int), "id");
            var v = Expression.Variable(typeof(double), "found");
            return Expression.Block(
                [id, v],
                Expression.Assign(id, key),
                Expression.Assign(v, Expression.Condition(
                    Expression.LessThan(Expression.Convert(id, typeof(uint)), Expression.Convert(Expression.ArrayLength(dense), typeof(uint))),
                    Expression.ArrayIndex(dense, id),
                    Expression.Constant(double.NaN))),
                Expression.Condition(Expression.NotEqual(v, v), Missing(table.Default, EvaluationError.MissingTableKey), v));
        }
        if (!_tables.TryGetValue(table, out var arrays))
        {
            arrays = (ArrayLocal(table.Keys.ToArray(), "keys_" + table.Name), ArrayLocal(table.Values.ToArray(), "values_" + table.Name));
            _tables.Add(table, arrays);
        }
        var index = Expression.Variable(typeof(int), "index");
        return Expression.Block(
            [index],
            Expression.Assign(index, Expression.Call(FindKey, arrays.Keys, key)),
            Expression.Condition(
                Expression.GreaterThanOrEqual(index, Expression.Constant(0)),
                Expression.ArrayIndex(arrays.Values, index),
                Missing(table.Default, EvaluationError.MissingTableKey)));
    }

    private Expression TierLookup(IrTierLookup t)
    {
        var x = Compile(t.Value);
        var tier = t.Tier;
        if (!_tiers.TryGetValue(tier, out var arrays))
        {
            arrays = (ArrayLocal(tier.Thresholds.ToArray(), "thresholds_" + tier.Name), ArrayLocal(tier.Values.ToArray(), "tiers_" + tier.Name));
            _tiers.Add(tier, arrays);
        }
        if (tier.Thresholds.Count <= 16)
        {
            // short tiers: a chain of compares from the top threshold down (NaN fails every compare → below first)
            var xv = Expression.Variable(typeof(double), "x");
            Expression chain = Missing(tier.Default, EvaluationError.BelowFirstTier);
            for (var i = 0; i < tier.Thresholds.Count; i++)
            {
                chain = Expression.Condition(Expression.GreaterThanOrEqual(xv, Expression.Constant(tier.Thresholds[i])), Expression.Constant(tier.Values[i]), chain);
            }
            return Expression.Block([xv], Expression.Assign(xv, x), chain);
        }
        var index = Expression.Variable(typeof(int), "tierIndex");
        return Expression.Block(
            [index],
            Expression.Assign(index, Expression.Call(FindTier, arrays.Thresholds, x)),
            Expression.Condition(
                Expression.GreaterThanOrEqual(index, Expression.Constant(0)),
                Expression.ArrayIndex(arrays.Values, index),
                Missing(tier.Default, EvaluationError.BelowFirstTier)));
    }

    private static Type ClrType(IrType type) => type switch
    {
        IrType.Bool => typeof(bool),
        IrType.Int => typeof(long),
        IrType.Double => typeof(double),
        _ => typeof(int),
    };

    private static Type ColumnType(IrType type) => ClrType(type).MakeArrayType();
}
