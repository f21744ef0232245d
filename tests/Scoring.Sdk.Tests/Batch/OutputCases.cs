using System.Text;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Evaluation.Batch.Testing;

/// <summary>One report of an <see cref="OutputCase"/>: inputs a, b (double) and g (string), and the expected error and values.</summary>
public sealed record OutputCaseRow(double A, double B, string G, EvaluationError Error, long[] Values)
{
    public override string ToString() => $"a={A:R} b={B:R} g={G} → {Error} [{string.Join(", ", Values)}]";
}

/// <summary>
/// A targeted check of several outputs and double outputs: a rule-set document (so the <c>outputs</c> member is read
/// too) and reports whose results are worked out with .NET double arithmetic at run time (never typed in as decimal
/// text, except where a test pins the familiar value). Every backend must produce exactly these. Shared by the SIMD
/// and OpenCL tests.
/// </summary>
public sealed record OutputCase(string Name, string Outputs, string Rules, OutputCaseRow[] Rows)
{
    public override string ToString() => Name;

    /// <summary>The document: inputs a b g, table gpuScore (no default), tiers nft and stake (defaults), then <see cref="Rules"/> and <see cref="Outputs"/>.</summary>
    public string Json => $$"""
        {
          "id": "output-case", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z",
          "inputs": { "a": "double", "b": "double", "g": "string" },
          "tables": { "gpuScore": { "keyType": "string", "entries": { "h100": 1.0, "l4": 0.23, "a100": 0.6 } } },
          "tiers": {
            "nft": { "steps": [[1, 1.1], [2, 1.2], [3, 1.3]], "default": 1.0 },
            "stake": { "steps": [[1000, 1.05], [10000, 1.1]], "default": 1.0 }
          },
          "rules": [ {{Rules}} ],
          "outputs": {{Outputs}}
        }
        """;

    public CompiledRuleSet Compile() => RuleSetDocument.Compile(Encoding.UTF8.GetBytes(Json)).GetValueOrThrow();

    /// <summary>The case's reports, repeated <paramref name="times"/> times (so a SIMD batch has whole vector steps as well as a tail).</summary>
    public ReportBatch Batch(CompiledRuleSet ruleSet, int times = 1)
    {
        var batch = ruleSet.CreateBatch(Rows.Length * times);
        for (var t = 0; t < times; t++)
        {
            foreach (var row in Rows)
            {
                var at = batch.AddRow();
                batch.SetDouble(0, at, row.A);
                batch.SetDouble(1, at, row.B);
                batch.SetString(2, at, row.G);
            }
        }
        return batch;
    }

    /// <summary>The expected results of <see cref="Batch"/>'s rows, in order.</summary>
    public IReadOnlyList<RowOutputs> Expected(CompiledRuleSet ruleSet, int times = 1) =>
        Enumerable.Range(0, times).SelectMany(_ => Rows).Select(r => new RowOutputs(ruleSet.RuleSet.Outputs, r.Error, r.Values)).ToArray();

    /// <summary>Micro-points as <see cref="PointsConversion"/> gives them (the value must convert).</summary>
    public static long P(double points) =>
        PointsConversion.TryToUnits(points, out var units) == EvaluationError.None ? units : throw new ArgumentException($"{points} is not a valid points value.");

    /// <summary>The raw bits of a double output.</summary>
    public static long D(double value) => BitConverter.DoubleToInt64Bits(value);

    private static OutputCaseRow R(double a, double b, string g, params long[] values) => new(a, b, g, EvaluationError.None, values);

    private static OutputCaseRow Void(double a, double b, string g, EvaluationError error, int outputs) => new(a, b, g, error, new long[outputs]);

    // Inputs passed through a method so that the expected values are computed by .NET at run time, as the evaluators
    // compute them, not folded by the C# compiler.
    private static double Run(Func<double, double, double> f, double a, double b) => f(a, b);

    private const double Nan = double.NaN;
    private const double Inf = double.PositiveInfinity;

    /// <summary>Every case.</summary>
    public static IReadOnlyList<OutputCase> All { get; } =
    [
        new("proof of gpu: a double score relative to the best gpu, never rounded", """{ "score": "double" }""",
            """{ "name": "score", "set": { "score": "gpuScore[g] / tableMax(gpuScore) * a" } }""",
            [
                R(0.1, 0, "l4", D(Run((a, _) => 0.23 / 1.0 * a, 0.1, 0))), // 0.023000000000000003
                R(1, 0, "h100", D(1.0)),
                R(0.3, 0, "a100", D(Run((a, _) => 0.6 / 1.0 * a, 0.3, 0))),
                R(-0.0, 0, "l4", D(-0.0)),
                R(1e300, 0, "l4", D(Run((a, _) => 0.23 / 1.0 * a, 1e300, 0))), // far beyond the points range: a double is not range checked
                Void(Nan, 0, "l4", EvaluationError.NonFiniteOutput, 1),
                Void(Inf, 0, "l4", EvaluationError.NonFiniteOutput, 1),
                Void(1, 0, "rtx", EvaluationError.MissingTableKey, 1),
            ]),
        new("a double output keeps the bits .NET computes", """{ "score": "double" }""",
            """{ "name": "score", "set": { "score": "((a * 1.0) * (100.0 / (5.0 * b))) / 100.0" } }""",
            [
                R(3.3, 8, "", D(Run((a, b) => ((a * 1.0) * (100.0 / (5.0 * b))) / 100.0, 3.3, 8))), // 0.0825
                R(0.1, 3, "", D(Run((a, b) => ((a * 1.0) * (100.0 / (5.0 * b))) / 100.0, 0.1, 3))),
                R(1e-310, 1, "", D(Run((a, b) => ((a * 1.0) * (100.0 / (5.0 * b))) / 100.0, 1e-310, 1))), // subnormal
                Void(1, 0, "", EvaluationError.DivisionByZero, 1),
            ]),
        new("swarm: compute and presence points", """{ "compute": "points", "presence": "points" }""",
            """{ "name": "compute", "set": { "compute": "a * 2.5" } }, { "name": "presence-default", "set": { "presence": "0" } }, { "name": "presence", "when": "b > 0", "set": { "presence": "1.5 + compute / 1000" } }""",
            [
                R(4, 1, "", P(10), P(Run((a, _) => 1.5 + (a * 2.5 / 1000), 4, 0))),
                R(4, 0, "", P(10), P(0)),
                R(0.1, 1, "", P(Run((a, _) => a * 2.5, 0.1, 0)), P(Run((a, _) => 1.5 + (a * 2.5 / 1000), 0.1, 0))),
                Void(Nan, 0, "", EvaluationError.NonFiniteOutput, 2),
                Void(1e13, 0, "", EvaluationError.PointsOutOfRange, 2),
            ]),
        new("boosts: points and the multipliers used", """{ "points": "points", "nftBoost": "double", "stakeBoost": "double" }""",
            """{ "name": "nft", "set": { "nftBoost": "tier(nft, a)" } }, { "name": "stake", "set": { "stakeBoost": "tier(stake, b)" } }, { "name": "points", "set": { "points": "10.0 * nftBoost * stakeBoost" } }""",
            [
                R(2, 5000, "", P(Run((_, _) => 10.0 * 1.2 * 1.05, 0, 0)), D(1.2), D(1.05)),
                R(0, 0, "", P(10), D(1.0), D(1.0)),
                R(3, 20000, "", P(Run((_, _) => 10.0 * 1.3 * 1.1, 0, 0)), D(1.3), D(1.1)),
            ]),
        new("outputs convert in order: the first output's error wins", """{ "big": "points", "odd": "double" }""",
            """{ "name": "r", "set": { "big": "a", "odd": "b" } }""",
            [
                R(1, 2, "", P(1), D(2)),
                Void(1e300, Nan, "", EvaluationError.PointsOutOfRange, 2),
                Void(1, Nan, "", EvaluationError.NonFiniteOutput, 2),
                Void(1e300, 2, "", EvaluationError.PointsOutOfRange, 2),
            ]),
        new("outputs convert in order, other order", """{ "odd": "double", "big": "points" }""",
            """{ "name": "r", "set": { "big": "a", "odd": "b" } }""",
            [
                R(1, 2, "", D(2), P(1)),
                Void(1e300, Nan, "", EvaluationError.NonFiniteOutput, 2),
                Void(1e300, 2, "", EvaluationError.PointsOutOfRange, 2),
            ]),
        new("rule errors come before output errors", """{ "nan": "double", "quotient": "points" }""",
            """{ "name": "r", "set": { "nan": "a * 0.0", "quotient": "1.0 / b" } }""",
            [
                Void(Inf, 0, "", EvaluationError.DivisionByZero, 2),
                Void(Inf, 2, "", EvaluationError.NonFiniteOutput, 2),
                R(1, 2, "", D(0.0), P(0.5)),
                R(-1, -2, "", D(-0.0), P(-0.5)),
            ]),
        new("int values assigned to outputs widen to double", """{ "count": "double", "whole": "points" }""",
            """{ "name": "r", "set": { "count": "9007199254740993", "whole": "3" } }""",
            [R(0, 0, "", D((double)9007199254740993L), P(3))]), // 2^53 + 1 → 2^53, ties to even
        new("a constant double output", """{ "constant": "double" }""",
            """{ "name": "r", "set": { "constant": "((3.3 * 1.0) * (100.0 / (5.0 * 8.0))) / 100.0" } }""",
            [R(0, 0, "", D(Run((_, _) => ((3.3 * 1.0) * (100.0 / (5.0 * 8.0))) / 100.0, 0, 0)))]),
    ];
}
