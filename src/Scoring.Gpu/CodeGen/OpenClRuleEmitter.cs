using System.Globalization;
using System.Text;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Gpu.CodeGen;

/// <summary>
/// Emits OpenCL C for a <see cref="RuleProgram"/>: one work-item per report, the IR walked depth-first into
/// straight-line C with real branches, so evaluation order, short-circuiting and "first error wins" are those of
/// the scalar reference by construction (the first error sets the code and leaves the row's <c>do { } while (0)</c>).
/// Every operation is the .NET one: IEEE double with <c>FP_CONTRACT OFF</c>, <c>sc_min</c>/<c>sc_max</c> for
/// <c>Math.Min</c>/<c>Math.Max</c>, <c>fmod</c> for <c>%</c>, <c>sc_to_units</c> (range check, round half to even) for
/// points outputs and <c>as_long</c> (the raw bits) for double outputs.
/// </summary>
internal sealed class OpenClRuleEmitter
{
    private const int InlineItems = 8;

    private readonly RuleProgram _program;
    private readonly StringBuilder _globals = new();
    private readonly StringBuilder _body = new();
    private readonly Dictionary<int, string> _columnNames = [];
    private readonly List<IrInput> _columns = [];
    private readonly HashSet<object> _emittedTables = new(ReferenceEqualityComparer.Instance);
    private int _indent = 2;
    private int _temps;
    private int _sets;

    private OpenClRuleEmitter(RuleProgram program) => _program = program;

    public static OpenClRuleKernel Emit(RuleProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var emitter = new OpenClRuleEmitter(program);
        return emitter.Build();
    }

    private OpenClRuleKernel Build()
    {
        Line("uchar err = 0;");
        foreach (var v in _program.Variables) Line($"{CType(v.Type)} {Slot(v)} = 0;");
        Line("do {");
        _indent++;
        foreach (var rule in _program.Rules)
        {
            Line($"// rule {rule.Index}: {Comment(rule.Name)}");
            if (rule.Condition is null)
            {
                Assignments(rule);
                continue;
            }
            var condition = Expression(ConstantFolder.Fold(rule.Condition));
            Line($"if ({condition}) {{");
            _indent++;
            Assignments(rule);
            _indent--;
            Line("}");
        }
        _indent--;
        Line("} while (0);");
        // the outputs converted in order while the row has no error (the first error wins); a void row stores zeros
        foreach (var output in _program.Outputs)
        {
            var value = OutputValue(output);
            Line($"long {value} = 0;");
            Line("if (err == 0) {");
            Line($"    if (!isfinite({Slot(output.Variable)})) err = {(int)EvaluationError.NonFiniteOutput};");
            Line(output.Type == RuleOutputType.Points
                ? $"    else if (!sc_to_units({Slot(output.Variable)}, &{value})) err = {(int)EvaluationError.PointsOutOfRange};"
                : $"    else {value} = as_long({Slot(output.Variable)});"); // the bits as computed: no rounding, -0.0 kept
            Line("}");
        }
        foreach (var output in _program.Outputs) Line($"{OutputBuffer(output)}[i] = err == 0 ? {OutputValue(output)} : 0;");
        Line("errors[i] = err;");

        var kernel = new StringBuilder();
        kernel.Append(Helpers);
        kernel.Append(_globals);
        kernel.Append('\n');
        kernel.Append($"__kernel void {OpenClRuleKernel.KernelName}(const long n");
        foreach (var c in _columns) kernel.Append($", __global const {ColumnType(c.Type)}* {_columnNames[c.Index]}");
        foreach (var output in _program.Outputs) kernel.Append($", __global long* {OutputBuffer(output)}");
        kernel.Append(", __global uchar* errors)\n{\n");
        kernel.Append("    long i = get_global_id(0);\n    if (i >= n) return;\n");
        kernel.Append(_body);
        kernel.Append("}\n");
        return new OpenClRuleKernel(OpenClKernelSource.Compose(kernel.ToString()), _columns);
    }

    private void Assignments(IrRule rule)
    {
        foreach (var a in rule.Assignments)
        {
            // Constant parts are folded here, with the reference's own semantics, not left to the device compiler:
            // PoCL 3.1 folds some builtins of constants wrongly (floor of NaN came out finite).
            var value = Expression(ConstantFolder.Fold(a.Value));
            Line($"{Slot(a.Target)} = {value};");
        }
    }

    /// <summary>Emits statements computing <paramref name="e"/> and returns a C expression (a temporary or a literal) holding it.</summary>
    private string Expression(IrExpression e)
    {
        switch (e)
        {
            case IrConstant c:
                return c.Type switch
                {
                    IrType.Double => OpenClLiteral.Double(c.DoubleValue),
                    IrType.Int => OpenClLiteral.Long(c.IntValue),
                    IrType.Bool => c.BoolValue ? "1" : "0",
                    _ => OpenClLiteral.Long(c.SymbolValue),
                };
            case IrInputRead r:
                return Temp(r.Type, r.Type switch
                {
                    IrType.Bool => $"({Column(r.Input)}[i] != 0)",
                    IrType.Symbol => $"(long){Column(r.Input)}[i]",
                    _ => $"{Column(r.Input)}[i]",
                });
            case IrVariableRead v:
                return Slot(v.Variable);
            case IrUnary u:
            {
                var x = Expression(u.Operand);
                return Temp(u.Type, u.Op switch
                {
                    IrUnaryOp.Negate => $"-{x}",
                    IrUnaryOp.Not => $"!{x}",
                    IrUnaryOp.Abs => $"fabs({x})",
                    IrUnaryOp.Floor => $"sc_floor({x})",
                    IrUnaryOp.Ceiling => $"sc_ceil({x})",
                    IrUnaryOp.IntToDouble => $"convert_double_rte({x})",
                    _ => throw new ArgumentOutOfRangeException(nameof(e), u.Op, "Unknown unary operator."),
                });
            }
            case IrBinary b:
                return Binary(b);
            case IrConditional c:
            {
                var condition = Expression(c.Condition);
                var result = Declare(c.Type);
                Line($"if ({condition}) {{");
                Branch(c.WhenTrue, result);
                Line("} else {");
                Branch(c.WhenFalse, result);
                Line("}");
                return result;
            }
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

    private void Branch(IrExpression branch, string result)
    {
        _indent++;
        var value = Expression(branch);
        Line($"{result} = {value};");
        _indent--;
    }

    private string Binary(IrBinary b)
    {
        if (b.Op is IrBinaryOp.And or IrBinaryOp.Or)
        {
            // short-circuit: the right operand (and its errors) only where the left does not decide
            var left = Expression(b.Left);
            var result = Temp(IrType.Bool, left);
            Line(b.Op == IrBinaryOp.And ? $"if ({result}) {{" : $"if (!{result}) {{");
            Branch(b.Right, result);
            Line("}");
            return result;
        }
        var l = Expression(b.Left);
        var r = Expression(b.Right);
        switch (b.Op)
        {
            case IrBinaryOp.Divide or IrBinaryOp.Remainder:
                // checked after both operands, either sign of zero
                Line($"if ({r} == 0.0) {{ err = {(int)EvaluationError.DivisionByZero}; break; }}");
                return Temp(IrType.Double, b.Op == IrBinaryOp.Divide ? $"{l} / {r}" : $"fmod({l}, {r})");
            case IrBinaryOp.Add: return Temp(IrType.Double, $"{l} + {r}");
            case IrBinaryOp.Subtract: return Temp(IrType.Double, $"{l} - {r}");
            case IrBinaryOp.Multiply: return Temp(IrType.Double, $"{l} * {r}");
            case IrBinaryOp.Min: return Temp(IrType.Double, $"sc_min({l}, {r})");
            case IrBinaryOp.Max: return Temp(IrType.Double, $"sc_max({l}, {r})");
            case IrBinaryOp.Equal: return Temp(IrType.Bool, $"{l} == {r}");
            case IrBinaryOp.NotEqual: return Temp(IrType.Bool, $"{l} != {r}");
            case IrBinaryOp.Less: return Temp(IrType.Bool, $"{l} < {r}");
            case IrBinaryOp.LessOrEqual: return Temp(IrType.Bool, $"{l} <= {r}");
            case IrBinaryOp.Greater: return Temp(IrType.Bool, $"{l} > {r}");
            case IrBinaryOp.GreaterOrEqual: return Temp(IrType.Bool, $"{l} >= {r}");
            default: throw new ArgumentOutOfRangeException(nameof(b), b.Op, "Unknown binary operator.");
        }
    }

    private string Membership(IrMembership m)
    {
        var x = Expression(m.Value);
        var isDouble = m.Value.Type == IrType.Double;
        var count = isDouble ? m.DoubleItems.Count : m.IntItems.Count;
        if (count == 0) return "0";
        if (count <= InlineItems)
        {
            var tests = isDouble
                ? m.DoubleItems.Select(d => $"{x} == {OpenClLiteral.Double(d)}")
                : m.IntItems.Select(k => $"{x} == {OpenClLiteral.Long(k)}");
            return Temp(IrType.Bool, "(" + string.Join(" || ", tests) + ")");
        }
        var name = "sc_set" + (_sets++).ToString(CultureInfo.InvariantCulture);
        if (isDouble)
        {
            ConstantArray("double", name, m.DoubleItems.Select(OpenClLiteral.Double));
            return Temp(IrType.Bool, $"sc_contains_double({name}, {count}, {x})");
        }
        ConstantArray("long", name, m.IntItems.Select(OpenClLiteral.Long));
        return Temp(IrType.Bool, $"(sc_find_long({name}, {count}, {x}) >= 0)");
    }

    private string TableLookup(IrTableLookup t)
    {
        var table = t.Table;
        var key = Expression(t.Key);
        var prefix = "sc_table" + table.Index.ToString(CultureInfo.InvariantCulture);
        var result = Declare(IrType.Double);
        if (table.KeyType == IrType.Symbol)
        {
            // dense by symbol id with a presence flag per id (NAN is not a constant initializer in every OpenCL C
            // compiler); ids outside the array are absent
            var dense = table.ToDenseBySymbol(_program.Symbols.Count);
            if (!dense.Any(v => !double.IsNaN(v)))
            {
                Line($"{{ {Missing(result, table.Default, EvaluationError.MissingTableKey)} }}");
            }
            else
            {
                if (_emittedTables.Add(table))
                {
                    ConstantArray("uchar", prefix + "_present", dense.Select(v => double.IsNaN(v) ? "0" : "1"));
                    ConstantArray("double", prefix + "_dense", dense.Select(v => OpenClLiteral.Double(double.IsNaN(v) ? 0.0 : v)));
                }
                var present = Temp(IrType.Bool, $"({key} >= 0 && {key} < {dense.Length}L) ? {prefix}_present[{key}] : 0");
                Line($"if ({present}) {result} = {prefix}_dense[{key}]; else {{ {Missing(result, table.Default, EvaluationError.MissingTableKey)} }}");
            }
            return result;
        }
        if (table.Keys.Count == 0)
        {
            Line($"{{ {Missing(result, table.Default, EvaluationError.MissingTableKey)} }}");
            return result;
        }
        if (_emittedTables.Add(table))
        {
            ConstantArray("long", prefix + "_keys", table.Keys.Select(OpenClLiteral.Long));
            ConstantArray("double", prefix + "_values", table.Values.Select(OpenClLiteral.Double));
        }
        var at = Temp(IrType.Int, $"sc_find_long({prefix}_keys, {table.Keys.Count}, {key})");
        Line($"if ({at} >= 0) {result} = {prefix}_values[{at}]; else {{ {Missing(result, table.Default, EvaluationError.MissingTableKey)} }}");
        return result;
    }

    private string TierLookup(IrTierLookup t)
    {
        var tier = t.Tier;
        var x = Expression(t.Value);
        var prefix = "sc_tier" + tier.Index.ToString(CultureInfo.InvariantCulture);
        var result = Declare(IrType.Double);
        if (tier.Thresholds.Count == 0)
        {
            Line($"{{ {Missing(result, tier.Default, EvaluationError.BelowFirstTier)} }}");
            return result;
        }
        if (_emittedTables.Add(tier))
        {
            ConstantArray("double", prefix + "_thresholds", tier.Thresholds.Select(OpenClLiteral.Double));
            ConstantArray("double", prefix + "_values", tier.Values.Select(OpenClLiteral.Double));
        }
        var at = Temp(IrType.Int, $"sc_find_tier({prefix}_thresholds, {tier.Thresholds.Count}, {x})");
        Line($"if ({at} >= 0) {result} = {prefix}_values[{at}]; else {{ {Missing(result, tier.Default, EvaluationError.BelowFirstTier)} }}");
        return result;
    }

    private static string Missing(string result, double? fallback, EvaluationError error) =>
        fallback is { } d ? $"{result} = {OpenClLiteral.Double(d)};" : $"err = {(int)error}; break;";

    private void ConstantArray(string type, string name, IEnumerable<string> items) =>
        _globals.Append($"__constant {type} {name}[] = {{ {string.Join(", ", items)} }};\n");

    private string Column(IrInput input)
    {
        if (!_columnNames.TryGetValue(input.Index, out var name))
        {
            name = "in" + input.Index.ToString(CultureInfo.InvariantCulture);
            _columnNames.Add(input.Index, name);
            _columns.Add(input);
        }
        return name;
    }

    private string Temp(IrType type, string value)
    {
        var name = NextTemp();
        Line($"{CType(type)} {name} = {value};");
        return name;
    }

    private string Declare(IrType type)
    {
        var name = NextTemp();
        Line($"{CType(type)} {name};");
        return name;
    }

    private string NextTemp() => "t" + (_temps++).ToString(CultureInfo.InvariantCulture);

    private void Line(string text) => _body.Append(' ', _indent * 4).Append(text).Append('\n');

    private static string OutputValue(IrOutput output) => "o" + output.Index.ToString(CultureInfo.InvariantCulture);

    private static string OutputBuffer(IrOutput output) => "out" + output.Index.ToString(CultureInfo.InvariantCulture);

    private static string Slot(IrVariable v) => "s" + v.Slot.ToString(CultureInfo.InvariantCulture);

    private static string Comment(string text) => new(text.Select(ch => char.IsControl(ch) || ch is '*' or '/' ? '_' : ch).ToArray());

    private static string CType(IrType type) => type switch
    {
        IrType.Double => "double",
        IrType.Bool => "int",
        _ => "long",
    };

    private static string ColumnType(IrType type) => type switch
    {
        IrType.Double => "double",
        IrType.Int => "long",
        IrType.Bool => "uchar",
        _ => "int",
    };

    // Binary searches over __constant arrays, with the IR's meaning (see IrSemantics).
    private const string Helpers = """
        int sc_find_long(__constant const long* keys, int count, long key)
        {
            int lo = 0, hi = count - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >> 1;
                long k = keys[mid];
                if (k == key) return mid;
                if (k < key) lo = mid + 1; else hi = mid - 1;
            }
            return -1;
        }

        // index of the largest threshold <= x, or -1 (also for NaN)
        int sc_find_tier(__constant const double* thresholds, int count, double x)
        {
            int lo = 0, hi = count - 1, found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >> 1;
                if (thresholds[mid] <= x) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
            }
            return found;
        }

        // IEEE ==: NaN is never found, -0.0 finds 0.0
        int sc_contains_double(__constant const double* items, int count, double x)
        {
            int lo = 0, hi = count - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >> 1;
                double item = items[mid];
                if (item == x) return 1;
                if (item < x) lo = mid + 1; else if (item > x) hi = mid - 1; else return 0;
            }
            return 0;
        }

        """;
}
