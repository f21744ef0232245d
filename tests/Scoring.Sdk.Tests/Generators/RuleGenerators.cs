using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.Generators;

/// <summary>
/// FsCheck generators of well-typed expressions, rule sets and report batches over one fixed schema, for
/// differential tests of every evaluator (scalar delegate, interpreter, SIMD, OpenCL) against each other.
/// Values include NaN, ±∞, ±0, huge and tiny numbers, extreme ints and strings the rule set never mentions.
/// </summary>
public static class RuleGenerators
{
    /// <summary>The schema's inputs, in column order.</summary>
    public static readonly RuleInput[] Inputs =
    [
        new("d0", ScalarType.Double), new("d1", ScalarType.Double), new("d2", ScalarType.Double),
        new("i0", ScalarType.Int), new("i1", ScalarType.Int),
        new("b0", ScalarType.Bool),
        new("s0", ScalarType.String), new("s1", ScalarType.String),
    ];

    private const int MaxDepth = 5;
    private static readonly Gen<string>[] DoubleCache = new Gen<string>[2 * (MaxDepth + 1)];
    private static readonly Gen<string>[] BoolCache = new Gen<string>[2 * (MaxDepth + 1)];
    private static readonly Gen<string>[] IntCache = new Gen<string>[MaxDepth + 1];
    private static readonly Gen<string>[] StringCache = new Gen<string>[MaxDepth + 1];

    /// <summary>Doubles that break naive implementations, mixed with ordinary ones.</summary>
    public static Gen<double> InterestingDouble { get; } = Frequency(
        (3, Gen.Elements(0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 3.0, 10.0, 100.0, 1e300, -1e300, 1e-300, double.Epsilon, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 9.5, 1e15)),
        (2, Gen.Choose(-2000, 2000).Select(i => i / 8.0)),
        (1, ArbMap.Default.GeneratorFor<double>()));

    /// <summary>Ints including the extremes.</summary>
    public static Gen<long> InterestingInt { get; } = Frequency(
        (3, Gen.Elements(0L, 1L, -1L, 2L, 3L, -5L, long.MaxValue, long.MinValue, 1L << 53, (1L << 53) + 1)),
        (2, Gen.Choose(-20, 20).Select(i => (long)i)));

    /// <summary>Strings: table keys, the empty string, and strings the rule set never mentions.</summary>
    public static Gen<string> InterestingString { get; } = Gen.Elements("a", "b", "c", "", "zzz", "A", "b ");

    /// <summary>The fixed part of every generated rule set: inputs, parameters, tables and tiers.</summary>
    public static RuleSetBuilder Schema(string id = "random")
    {
        var b = new RuleSetBuilder(id).Version(1).EffectiveFrom(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        foreach (var input in Inputs) b.Input(input.Name, input.Type);
        return b
            .Parameter("p", 2.5)
            .Parameter("k", 3L)
            .Parameter("name", "b")
            .Parameter("yes", true)
            .Table("tS", ScalarType.String, t => t.Entry("a", 1.5).Entry("b", -2.0).Entry("c", 0.0).Default(7.0))
            .Table("tN", ScalarType.String, t => t.Entry("a", 0.25).Entry("b", 4.0))
            .Table("tI", ScalarType.Int, t => t.Entry(-5, 0.5).Entry(1, 10.0).Entry(2, 20.0))
            .Tier("tr", t => t.Step(0, 1.0).Step(10, 2.0).Step(100, 3.0))
            .Tier("td", t => t.Step(-1, 0.1).Step(1e9, 0.2).Default(-1.0));
    }

    /// <summary>A double-valued (or int-valued, promoted) expression of depth ≤ <paramref name="depth"/>.</summary>
    public static Gen<string> DoubleExpression(int depth, bool withVariables)
    {
        depth = Math.Clamp(depth, 0, MaxDepth);
        var slot = depth * 2 + (withVariables ? 1 : 0);
        return DoubleCache[slot] ??= BuildDouble(depth, withVariables);
    }

    /// <summary>A bool-valued expression of depth ≤ <paramref name="depth"/>.</summary>
    public static Gen<string> BoolExpression(int depth, bool withVariables)
    {
        depth = Math.Clamp(depth, 0, MaxDepth);
        var slot = depth * 2 + (withVariables ? 1 : 0);
        return BoolCache[slot] ??= BuildBool(depth, withVariables);
    }

    private static Gen<string> IntExpression(int depth)
    {
        depth = Math.Clamp(depth, 0, MaxDepth);
        return IntCache[depth] ??= depth == 0
            ? Gen.OneOf(Gen.Elements("i0", "i1", "k", "0", "1", "2", "9223372036854775807"), Gen.Choose(0, 50).Select(i => i.ToString(CultureInfo.InvariantCulture)))
            : Frequency(
                (3, IntExpression(0)),
                (1, Tuple(BoolExpression(depth - 1, false), IntExpression(depth - 1), IntExpression(depth - 1)).Select(t => $"({t.Item1} ? {t.Item2} : {t.Item3})")));
    }

    private static Gen<string> StringExpression(int depth)
    {
        depth = Math.Clamp(depth, 0, MaxDepth);
        return StringCache[depth] ??= depth == 0
            ? Gen.Elements("s0", "s1", "name", "\"a\"", "\"b\"", "\"c\"", "\"zzz\"", "\"\"")
            : Frequency(
                (3, StringExpression(0)),
                (1, Tuple(BoolExpression(depth - 1, false), StringExpression(depth - 1), StringExpression(depth - 1)).Select(t => $"({t.Item1} ? {t.Item2} : {t.Item3})")));
    }

    private static Gen<string> BuildDouble(int depth, bool vars)
    {
        var leafNames = vars ? new[] { "d0", "d1", "d2", "p", "a", "points" } : new[] { "d0", "d1", "d2", "p" };
        var leaf = Frequency(
            (4, Gen.Elements(leafNames)),
            (1, Gen.Elements("i0", "i1", "k")),
            (2, Gen.Elements("0.0", "1.0", "0.5", "2", "10", "1e300", "1e-300", "4.9e-324", "100.25", "0")));
        if (depth == 0) return leaf;
        var sub = DoubleExpression(depth - 1, vars);
        var cond = BoolExpression(depth - 1, vars);
        return Frequency(
            (3, leaf),
            (6, Tuple(sub, Gen.Elements("+", "-", "*", "/", "%"), sub).Select(t => $"({t.Item1} {t.Item2} {t.Item3})")),
            (1, sub.Select(x => $"-{x}")),
            (2, Tuple(Gen.Elements("abs", "floor", "ceil"), sub).Select(t => $"{t.Item1}({t.Item2})")),
            (2, Tuple(Gen.Elements("min", "max"), sub, sub).Select(t => $"{t.Item1}({t.Item2}, {t.Item3})")),
            (1, Tuple(sub, sub, sub).Select(t => $"clamp({t.Item1}, {t.Item2}, {t.Item3})")),
            (2, Tuple(cond, sub, sub).Select(t => $"({t.Item1} ? {t.Item2} : {t.Item3})")),
            (1, Tuple(Gen.Elements("tS", "tN"), StringExpression(depth - 1)).Select(t => $"{t.Item1}[{t.Item2}]")),
            (1, IntExpression(depth - 1).Select(k => $"tI[{k}]")),
            (1, Tuple(Gen.Elements("tr", "td"), sub).Select(t => $"tier({t.Item1}, {t.Item2})")));
    }

    private static Gen<string> BuildBool(int depth, bool vars)
    {
        var leaf = vars ? Gen.Elements("b0", "yes", "true", "false", "flag") : Gen.Elements("b0", "yes", "true", "false");
        if (depth == 0) return leaf;
        var sub = BoolExpression(depth - 1, vars);
        var number = DoubleExpression(depth - 1, vars);
        var integer = IntExpression(depth - 1);
        var text = StringExpression(depth - 1);
        var comparison = Gen.Elements("==", "!=", "<", "<=", ">", ">=");
        return Frequency(
            (2, leaf),
            (4, Tuple(number, comparison, number).Select(t => $"({t.Item1} {t.Item2} {t.Item3})")),
            (2, Tuple(integer, comparison, integer).Select(t => $"({t.Item1} {t.Item2} {t.Item3})")),
            (2, Tuple(text, Gen.Elements("==", "!="), text).Select(t => $"({t.Item1} {t.Item2} {t.Item3})")),
            (1, Tuple(sub, Gen.Elements("==", "!="), sub).Select(t => $"({t.Item1} {t.Item2} {t.Item3})")),
            (3, Tuple(sub, Gen.Elements("&&", "||"), sub).Select(t => $"({t.Item1} {t.Item2} {t.Item3})")),
            (1, sub.Select(x => $"!{x}")),
            (1, Tuple(text, Gen.Elements("[\"a\", \"zzz\"]", "[\"b\"]", "[]")).Select(t => $"({t.Item1} in {t.Item2})")),
            (1, Tuple(number, Gen.Elements("[0, 1.5, -2]", "[-0.0, 10]", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]")).Select(t => $"({t.Item1} in {t.Item2})")),
            (1, Tuple(integer, Gen.Elements("[1, 2, -5]", "[0]", "[9223372036854775807, 3]")).Select(t => $"({t.Item1} in {t.Item2})")),
            (1, Tuple(sub, sub, sub).Select(t => $"({t.Item1} ? {t.Item2} : {t.Item3})")));
    }

    /// <summary>
    /// Rule sets over <see cref="Schema"/>: an unconditional first rule assigns <c>a</c>, <c>flag</c> and <c>points</c>;
    /// up to four more rules, each with an optional condition, reassign <c>points</c> and <c>a</c> from earlier values.
    /// </summary>
    public static Gen<RuleSet> RuleSets(int depth = 3) =>
        from a in DoubleExpression(depth, false)
        from flag in BoolExpression(depth, false)
        from points in DoubleExpression(depth, false)
        from more in Tuple(
                Gen.Elements(true, false), BoolExpression(depth, true), DoubleExpression(depth, true), Gen.Elements(true, false), DoubleExpression(depth, true))
            .ArrayOf().Select(rs => rs.Take(4).ToArray())
        select Build(a, flag, points, more);

    private static RuleSet Build(string a, string flag, string points, (bool HasWhen, string When, string Points, bool SetA, string A)[] more)
    {
        // "* 1.0" makes a's first assignment a double (an int expression would make 'a' an int variable)
        var b = Schema().Rule("init", r => r.Set("a", $"({a}) * 1.0").Set("flag", flag).Set("points", points));
        for (var i = 0; i < more.Length; i++)
        {
            var m = more[i];
            b.Rule($"r{i}", r =>
            {
                if (m.HasWhen) r.When(m.When);
                r.Set("points", m.Points);
                if (m.SetA) r.Set("a", m.A);
            });
        }
        return b.Output("points").Build();
    }

    /// <summary>A rule set whose single rule is <c>points = <paramref name="expression"/></c>.</summary>
    public static RuleSet SingleExpression(string expression) =>
        Schema().Rule("only", r => r.Set("points", expression)).Output("points").Build();

    /// <summary>One report: a value per <see cref="Inputs"/> entry (double, long, bool or string).</summary>
    public static Gen<object[]> Report { get; } =
        from d in InterestingDouble.ArrayOf(3)
        from i in InterestingInt.ArrayOf(2)
        from b in Gen.Elements(true, false)
        from s in InterestingString.ArrayOf(2)
        select new object[] { d[0], d[1], d[2], i[0], i[1], b, s[0], s[1] };

    /// <summary>Between 1 and <paramref name="maxRows"/> reports.</summary>
    public static Gen<object[][]> Reports(int maxRows = 16) =>
        Gen.Choose(1, maxRows).SelectMany(n => Report.ArrayOf(n));

    /// <summary>Fills a batch of <paramref name="compiled"/> with <paramref name="reports"/>.</summary>
    public static ReportBatch Fill(CompiledRuleSet compiled, IReadOnlyList<object[]> reports)
    {
        var batch = compiled.CreateBatch(reports.Count);
        foreach (var report in reports)
        {
            var row = batch.AddRow();
            for (var c = 0; c < Inputs.Length; c++)
            {
                switch (report[c])
                {
                    case double d: batch.SetDouble(c, row, d); break;
                    case long l: batch.SetInt(c, row, l); break;
                    case bool b: batch.SetBool(c, row, b); break;
                    case string s: batch.SetString(c, row, s); break;
                }
            }
        }
        return batch;
    }

    private static Gen<T> Frequency<T>(params (int, Gen<T>)[] choices) => Gen.Frequency(choices);

    private static Gen<(TA, TB)> Tuple<TA, TB>(Gen<TA> a, Gen<TB> b) => a.SelectMany(x => b.Select(y => (x, y)));

    private static Gen<(TA, TB, TC)> Tuple<TA, TB, TC>(Gen<TA> a, Gen<TB> b, Gen<TC> c) =>
        a.SelectMany(x => b.SelectMany(y => c.Select(z => (x, y, z))));

    private static Gen<(TA, TB, TC, TD, TE)> Tuple<TA, TB, TC, TD, TE>(Gen<TA> a, Gen<TB> b, Gen<TC> c, Gen<TD> d, Gen<TE> e) =>
        Tuple(a, b, c).SelectMany(x => Tuple(d, e).Select(y => (x.Item1, x.Item2, x.Item3, y.Item1, y.Item2)));

    /// <summary>Whether two doubles are the same bits, or both NaN (NaN payloads are not part of the semantics).</summary>
    public static bool SameDouble(double x, double y) =>
        (double.IsNaN(x) && double.IsNaN(y)) || BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
}
