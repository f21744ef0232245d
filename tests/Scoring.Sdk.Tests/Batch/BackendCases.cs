using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Evaluation.Batch.Testing;

/// <summary>One report of a <see cref="BackendCase"/>: inputs a, b (double), i (int), s (string), f (bool), and the expected result.</summary>
public sealed record CaseRow(double A, double B, long I, string S, bool F, RowResult Expected);

/// <summary>
/// A targeted check of one operator, function, lookup or error path: a tiny rule set and reports with results worked
/// out from the IR's documented semantics (.NET double operations, <see cref="PointsConversion"/>). Every backend must
/// produce exactly these. Shared by the SIMD and OpenCL tests.
/// </summary>
public sealed record BackendCase(string Name, (string? When, string Variable, string Expression)[] Rules, CaseRow[] Rows)
{
    public override string ToString() => Name;

    /// <summary>The rule set: inputs a b i s f, tables mult (no default), multd (default 1.5), byInt, tiers t (no default), td (default 0.5).</summary>
    public CompiledRuleSet Compile()
    {
        var builder = new RuleSetBuilder("case-" + Name.Replace(' ', '-'))
            .Version("1")
            .Input("a", ScalarType.Double).Input("b", ScalarType.Double).Input("i", ScalarType.Int).Input("s", ScalarType.String).Input("f", ScalarType.Bool)
            .Table("mult", ScalarType.String, t => t.Entry("x", 2.0).Entry("y", 3.0))
            .Table("multd", ScalarType.String, t => t.Entry("x", 2.0).Default(1.5))
            .Table("byInt", ScalarType.Int, t => t.Entry(1, 10.0).Entry(5, 50.0).Entry(long.MinValue, -1.0))
            .Tier("t", t => t.Step(0, 1.0).Step(10, 2.0).Step(100, 3.0))
            .Tier("td", t => t.Step(0, 1.0).Step(10, 2.0).Default(0.5));
        for (var r = 0; r < Rules.Length; r++)
        {
            var (when, variable, expression) = Rules[r];
            builder.Rule("r" + r, rule =>
            {
                if (when is not null) rule.When(when);
                // "x;y" = "e1;e2": one rule with several assignments, in order
                foreach (var (v, e) in variable.Split(';').Zip(expression.Split(';'))) rule.Set(v, e);
            });
        }
        return RuleSetCompiler.CompileOrThrow(builder.Output("out").Build());
    }

    /// <summary>The case's reports as a batch of <paramref name="ruleSet"/>.</summary>
    public ReportBatch Batch(CompiledRuleSet ruleSet)
    {
        var batch = ruleSet.CreateBatch(Rows.Length);
        foreach (var row in Rows)
        {
            var at = batch.AddRow();
            batch.SetDouble(0, at, row.A);
            batch.SetDouble(1, at, row.B);
            batch.SetInt(2, at, row.I);
            batch.SetString(3, at, row.S);
            batch.SetBool(4, at, row.F);
        }
        return batch;
    }

    private static RowResult V(double value) => new(PointsConversion.TryToUnits(value, out var units), units);

    private static RowResult E(EvaluationError error) => new(error, 0);

    private static CaseRow R(double a, double b, RowResult expected, long i = 0, string s = "x", bool f = false) => new(a, b, i, s, f, expected);

    private static BackendCase Out(string name, string expression, params CaseRow[] rows) => new(name, [(null, "out", expression)], rows);

    private const double Nan = double.NaN;
    private const double Inf = double.PositiveInfinity;

    /// <summary>Every targeted case.</summary>
    public static IReadOnlyList<BackendCase> All { get; } =
    [
        Out("add", "a + b", R(0.1, 0.2, V(0.1 + 0.2)), R(1e308, 1e308, E(EvaluationError.NonFiniteOutput)), R(-0.0, 0.0, V(0))),
        Out("subtract", "a - b", R(0.3, 0.1, V(0.3 - 0.1)), R(Inf, Inf, E(EvaluationError.NonFiniteOutput))),
        Out("multiply then add, never fused", "a * b + 0.1", R(0.1, 3.0, V(0.1 * 3.0 + 0.1)), R(1.0000001, 1.0000001, V(1.0000001 * 1.0000001 + 0.1))),
        Out("divide", "a / b", R(1, 3, V(1.0 / 3)), R(1, 0.0, E(EvaluationError.DivisionByZero)), R(1, -0.0, E(EvaluationError.DivisionByZero)), R(Nan, 0, E(EvaluationError.DivisionByZero)), R(1e-320, 1e10, V(1e-320 / 1e10))),
        Out("remainder", "a % b", R(5.5, 2, V(1.5)), R(-5.5, 2, V(-1.5)), R(1e300, 3, V(1e300 % 3)), R(7, Inf, V(7)), R(1, 0, E(EvaluationError.DivisionByZero)), R(Inf, 2, E(EvaluationError.NonFiniteOutput))),
        Out("min", "min(a, b)", R(2, 1, V(1)), R(Nan, 1, E(EvaluationError.NonFiniteOutput)), R(1, Nan, E(EvaluationError.NonFiniteOutput)), R(-0.0, 0.0, V(0))),
        Out("max", "max(a, b)", R(2, 1, V(2)), R(Nan, 1, E(EvaluationError.NonFiniteOutput)), R(1, Nan, E(EvaluationError.NonFiniteOutput)), R(-Inf, -1, V(-1))),
        Out("clamp", "clamp(a, 0, 10)", R(-5, 0, V(0)), R(50, 0, V(10)), R(Nan, 0, E(EvaluationError.NonFiniteOutput)), R(3.25, 0, V(3.25))),
        Out("abs negate floor ceil", "abs(a) + -floor(b) * 1000 + ceil(a) * 1000000", R(-2.5, -2.5, V(2.5 + 3 * 1000.0 + -2 * 1000000.0)), R(2.5, 2.5, V(2.5 + -2 * 1000.0 + 3 * 1000000.0)), R(-0.5, 0.5, V(0.5 + -0.0 * 1000 + -0.0 * 1000000))),
        Out("int to double rounds to nearest even", "i / 1000000000.0", R(0, 0, V((double)((1L << 53) + 1) / 1e9), i: (1L << 53) + 1), R(0, 0, V((double)long.MaxValue / 1e9), i: long.MaxValue), R(0, 0, V(-1.0 / 1e9), i: -1)),
        Out("comparisons and NaN", "(a < b ? 1 : 0) + (a <= b ? 10 : 0) + (a > b ? 100 : 0) + (a >= b ? 1000 : 0) + (a == b ? 10000 : 0) + (a != b ? 100000 : 0)",
            R(1, 2, V(100011)), R(2, 2, V(11010)), R(3, 2, V(101100)), R(Nan, 2, V(100000)), R(Nan, Nan, V(100000)), R(-0.0, 0.0, V(11010))),
        Out("int and string comparisons", "(i < 3 ? 1 : 0) + (s == \"x\" ? 10 : 0) + (s != \"y\" ? 100 : 0) + (f == true ? 1000 : 0)",
            R(0, 0, V(111), i: 2, s: "x"), R(0, 0, V(1003 - 3 + 0), i: 3, s: "y", f: true), R(0, 0, V(101), i: long.MinValue, s: "other")),
        Out("short-circuit and masks the right operand's error", "(b != 0 && a / b > 1) ? 1 : 2", R(5, 0, V(2)), R(5, 2, V(1)), R(1, 2, V(2))),
        Out("short-circuit or masks the right operand's error", "(b == 0 || a / b > 1) ? 1 : 2", R(5, 0, V(1)), R(5, 2, V(1)), R(1, 2, V(2))),
        Out("left operand's error is raised", "(a / b > 1 && b != 0) ? 1 : 2", R(5, 0, E(EvaluationError.DivisionByZero)), R(5, 2, V(1))),
        Out("conditional masks the branch not taken", "b == 0 ? mult[s] : a / b", R(6, 0, V(2)), R(6, 0, E(EvaluationError.MissingTableKey), s: "zzz"), R(6, 3, V(2), s: "zzz")),
        Out("not", "!(a > 1) ? 1 : 2", R(0, 0, V(1)), R(5, 0, V(2)), R(Nan, 0, V(1))),
        Out("symbol table", "mult[s]", R(0, 0, V(2), s: "x"), R(0, 0, V(3), s: "y"), R(0, 0, E(EvaluationError.MissingTableKey), s: "unknown"), R(0, 0, E(EvaluationError.MissingTableKey), s: "")),
        Out("symbol table with default", "multd[s]", R(0, 0, V(2), s: "x"), R(0, 0, V(1.5), s: "y"), R(0, 0, V(1.5), s: "unknown")),
        Out("int table", "byInt[i]", R(0, 0, V(10), i: 1), R(0, 0, V(50), i: 5), R(0, 0, V(-1), i: long.MinValue), R(0, 0, E(EvaluationError.MissingTableKey), i: 2)),
        Out("tier", "tier(t, a)", R(0, 0, V(1)), R(9.999, 0, V(1)), R(10, 0, V(2)), R(1e300, 0, V(3)), R(-0.0, 0, V(1)), R(-1e-300, 0, E(EvaluationError.BelowFirstTier)), R(Nan, 0, E(EvaluationError.BelowFirstTier)), R(-Inf, 0, E(EvaluationError.BelowFirstTier)), R(Inf, 0, V(3))),
        Out("tier with default", "tier(td, a)", R(-1, 0, V(0.5)), R(Nan, 0, V(0.5)), R(10, 0, V(2))),
        Out("membership", "(a in [1, 2.5, 0]) ? 1 : 2", R(2.5, 0, V(1)), R(-0.0, 0, V(1)), R(Nan, 0, V(2)), R(3, 0, V(2))),
        Out("int and string membership", "(i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] ? 1 : 0) + (s in [\"x\", \"y\"] ? 10 : 0)",
            R(0, 0, V(11), i: 20, s: "y"), R(0, 0, V(0), i: 21, s: "q"), R(0, 0, V(10), i: 0)),
        Out("points rounding half to even", "a", R(0.5e-6, 0, V(0.5e-6)), R(1.5e-6, 0, V(1.5e-6)), R(2.5e-6, 0, V(2.5e-6)), R(-2.5e-6, 0, V(-2.5e-6)), R(12.3456785, 0, V(12.3456785)), R(double.Epsilon, 0, V(0))),
        Out("points range", "a", R(Nan, 0, E(EvaluationError.NonFiniteOutput)), R(-Inf, 0, E(EvaluationError.NonFiniteOutput)), R(1e13, 0, E(EvaluationError.PointsOutOfRange)),
            R(9223372036854.775, 0, V(9223372036854.775)), R(-9223372036854.775808, 0, V(-9223372036854.775808)), R(9223372036854.775808, 0, E(EvaluationError.PointsOutOfRange)), R(double.MaxValue, 0, E(EvaluationError.PointsOutOfRange))),
        // Constant outputs are folded by device compilers: PoCL 3.1 once dropped every store of such a kernel.
        Out("a constant output beyond the points range", "9223372036854.776", R(0, 0, E(EvaluationError.PointsOutOfRange)), R(1, 2, E(EvaluationError.PointsOutOfRange))),
        Out("a constant output just inside the points range", "9223372036854.77", R(0, 0, V(9223372036854.77))),
        // A NaN the device compiler can prove (folded on the host into a literal, then through inlined max/min): PoCL 3.1
        // folded floor/ceil of it to 0.
        Out("floor and ceil of a NaN known when compiling", "floor(max(1e308 * 10 - 1e308 * 10, a)) + b",
            R(1.5, 2.5, E(EvaluationError.NonFiniteOutput)), R(-1, 0, E(EvaluationError.NonFiniteOutput))),
        Out("ceil of a NaN known when compiling", "ceil(min(1e308 * 10 - 1e308 * 10, a)) + b", R(1.5, 2.5, E(EvaluationError.NonFiniteOutput))),
        new("rule conditions guard assignments and their errors", [(null, "out", "1"), ("a > 0", "out", "a / b"), ("f", "out", "out + mult[s]")],
            [R(-1, 0, V(1)), R(4, 2, V(2)), R(4, 0, E(EvaluationError.DivisionByZero)), R(-1, 0, V(3), s: "x", f: true), R(-1, 0, E(EvaluationError.MissingTableKey), s: "q", f: true)]),
        new("a rule's condition is read once, before its assignments", [(null, "out", "0"), (null, "flag", "a > 0"), ("flag", "flag;out", "false;1"), ("!flag", "out", "out + 10")],
            [R(1, 0, V(11)), R(-1, 0, V(10))]),
        new("reassigned variables keep earlier values where a rule did not fire", [(null, "x", "a"), ("b > 0", "x", "x * 2"), (null, "y", "x + 1"), (null, "x", "y * 10"), (null, "out", "x + y")],
            [R(1, 1, V(33)), R(1, -1, V(22))]),
        new("first error in evaluation order wins", [(null, "x", "a / b"), (null, "y", "mult[s]"), (null, "out", "x + y")],
            [R(1, 0, E(EvaluationError.DivisionByZero), s: "nope"), R(1, 1, E(EvaluationError.MissingTableKey), s: "nope"), R(1, 1, V(3), s: "x")]),
        new("first error in evaluation order wins, other order", [(null, "y", "tier(t, a)"), (null, "x", "a / b"), (null, "out", "x + y")],
            [R(-1, 0, E(EvaluationError.BelowFirstTier)), R(1, 0, E(EvaluationError.DivisionByZero))]),
    ];
}
