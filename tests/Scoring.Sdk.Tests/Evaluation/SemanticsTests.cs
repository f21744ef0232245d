using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Sdk.Tests.Generators;

namespace Scoring.Sdk.Tests.Evaluation;

/// <summary>The number and error semantics of docs/rule-language.md, one case each.</summary>
public class SemanticsTests
{
    private static (RowResult Result, double Output) Run(string expression, double d0 = 0, double d1 = 0, long i0 = 0, string s0 = "a")
    {
        var compiled = RuleSetCompiler.CompileOrThrow(RuleGenerators.SingleExpression(expression));
        var batch = RuleGenerators.Fill(compiled, [[d0, d1, 0.0, i0, 0L, false, s0, ""]]);
        var (result, output) = compiled.EvaluateWithOutput(batch, 0);
        Assert.Equal(result, compiled.Explain(batch, 0).Result);
        return (result, output);
    }

    [Fact]
    public void Min_and_max_order_signed_zeros_and_propagate_nan()
    {
        Assert.True(double.IsNegative(Run("min(d0, d1)", 0.0, -0.0).Output));
        Assert.True(double.IsNegative(Run("min(d0, d1)", -0.0, 0.0).Output));
        Assert.False(double.IsNegative(Run("max(d0, d1)", -0.0, 0.0).Output));
        Assert.True(double.IsNaN(Run("min(d0, d1)", double.NaN, 1).Output));
        Assert.True(double.IsNaN(Run("max(d0, d1)", 1, double.NaN).Output));
    }

    [Fact]
    public void Division_by_zero_of_either_sign_voids_the_report()
    {
        Assert.Equal(new RowResult(EvaluationError.DivisionByZero, 0), Run("d0 / d1", 1.0, 0.0).Result);
        Assert.Equal(new RowResult(EvaluationError.DivisionByZero, 0), Run("d0 / d1", 1.0, -0.0).Result);
        Assert.Equal(new RowResult(EvaluationError.DivisionByZero, 0), Run("d0 % d1", 5.0, 0.0).Result);
    }

    [Fact]
    public void Short_circuit_and_conditional_skip_the_errors_of_branches_not_taken()
    {
        Assert.Equal(EvaluationError.None, Run("d1 != 0 && d0 / d1 > 1 ? 1 : 2", 1, 0).Result.Error);
        Assert.Equal(EvaluationError.None, Run("d1 == 0 ? 0 : d0 / d1", 1, 0).Result.Error);
        Assert.Equal(EvaluationError.DivisionByZero, Run("d1 == 0 ? d0 / d1 : 0", 1, 0).Result.Error);
    }

    [Fact]
    public void First_error_in_evaluation_order_wins()
    {
        Assert.Equal(EvaluationError.MissingTableKey, Run("tN[s0] + d0 / d1", 1, 0, s0: "zzz").Result.Error);
        Assert.Equal(EvaluationError.DivisionByZero, Run("d0 / d1 + tN[s0]", 1, 0, s0: "zzz").Result.Error);
    }

    [Fact]
    public void Output_conversion_rounds_half_to_even_and_rejects_non_finite_and_huge()
    {
        Assert.Equal(2, Run("d0", 2.5e-6).Result.Units);
        Assert.Equal(4, Run("d0", 3.5e-6).Result.Units);
        Assert.Equal(-2, Run("d0", -2.5e-6).Result.Units);
        Assert.Equal(EvaluationError.NonFiniteOutput, Run("d0", double.NaN).Result.Error);
        Assert.Equal(EvaluationError.NonFiniteOutput, Run("d0 * d1", 1e300, 1e300).Result.Error);
        Assert.Equal(EvaluationError.PointsOutOfRange, Run("d0", 1e13).Result.Error);
        Assert.Equal(Points.FromDouble(12.5), Run("d0", 12.5).Result.Points);
    }

    [Fact]
    public void Missing_keys_use_the_default_or_void_the_report()
    {
        Assert.Equal(7_000_000, Run("tS[s0]", s0: "never-seen").Result.Units);
        Assert.Equal(EvaluationError.MissingTableKey, Run("tN[s0]", s0: "never-seen").Result.Error);
        Assert.Equal(EvaluationError.MissingTableKey, Run("tI[i0]", i0: 3).Result.Error);
        Assert.Equal(20_000_000, Run("tI[i0]", i0: 2).Result.Units);
    }

    [Fact]
    public void Tiers_pick_the_largest_threshold_at_or_below_x()
    {
        Assert.Equal(1_000_000, Run("tier(tr, d0)", 0).Result.Units);
        Assert.Equal(1_000_000, Run("tier(tr, d0)", 9.99).Result.Units);
        Assert.Equal(2_000_000, Run("tier(tr, d0)", 10).Result.Units);
        Assert.Equal(3_000_000, Run("tier(tr, d0)", double.PositiveInfinity).Result.Units);
        Assert.Equal(EvaluationError.BelowFirstTier, Run("tier(tr, d0)", -0.5).Result.Error);
        Assert.Equal(EvaluationError.BelowFirstTier, Run("tier(tr, d0)", double.NaN).Result.Error);
        Assert.Equal(-1_000_000, Run("tier(td, d0)", -2).Result.Units);
    }

    [Fact]
    public void Strings_never_mentioned_by_the_rules_compare_exactly()
    {
        var compiled = RuleSetCompiler.CompileOrThrow(RuleGenerators.SingleExpression("s0 == s1 ? 1 : 0"));
        var batch = RuleGenerators.Fill(compiled, [[0.0, 0.0, 0.0, 0L, 0L, false, "x1", "x2"], [0.0, 0.0, 0.0, 0L, 0L, false, "x1", "x1"]]);
        Assert.Equal(0, compiled.Evaluate(batch, 0).Units);
        Assert.Equal(1_000_000, compiled.Evaluate(batch, 1).Units);
    }

    [Fact]
    public void Ints_compare_exactly_and_convert_to_double_for_arithmetic()
    {
        // 2^53 and 2^53+1 are one double but two ints: int == int compares exactly
        Assert.Equal(1_000_000, Run("i0 == 9007199254740993 ? 0 : 1", i0: 9007199254740992).Result.Units);
        Assert.Equal(0, Run("i0 == 9007199254740993 ? 0 : 1", i0: 9007199254740993).Result.Units);
        Assert.Equal(9007199254740992.0, Run("i0 + 0", i0: 9007199254740993).Output);
    }

    [Fact]
    public void Points_conversion_matches_Points_TryFromDouble()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(RuleGenerators.InterestingDouble.ToArbitrary(), d =>
        {
            var error = PointsConversion.TryToUnits(d, out var units);
            var ok = Points.TryFromDouble(d, out var points);
            return ok ? error == EvaluationError.None && units == points.Units : error != EvaluationError.None;
        }));
    }
}
