namespace Scoring.Sdk.Tests.Weights;

using FsCheck;
using FsCheck.Fluent;
using Scoring.Weights;

/// <summary>FsCheck properties of the weight steps (issue 6, "must show").</summary>
public class WeightPropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>Scores as a validator has them: zeros, negatives, fractions in [1e-6, 1], repeats, a few large values.</summary>
    private static readonly Gen<float> Score = Gen.OneOf(
        Gen.Constant(0f),
        Gen.Choose(-1000, -1).Select(i => i / 1000f),
        Gen.Choose(1, 1_000_000).Select(i => i / 1e6f),
        Gen.Choose(1, 8).Select(i => i / 8f),
        Gen.Choose(1, 1000).Select(i => i * 1000f));

    private static readonly Arbitrary<float[]> Scores = Score.ArrayOf().Where(a => a.Length > 0).ToArbitrary();

    private static readonly Arbitrary<float[]> NonNegativeWeights =
        Score.Select(Math.Abs).ArrayOf().Where(a => a.Length > 0).ToArbitrary();

    [Fact]
    public void Weights_are_never_negative() => Check.One(Many, Prop.ForAll(Scores, scores =>
        WeightNormalization.FromScores(scores).All(w => w >= 0f)));

    [Fact]
    public void Weights_sum_to_one_within_float32_rounding_unless_all_zero() => Check.One(Many, Prop.ForAll(Scores, scores =>
    {
        float[] weights = WeightNormalization.FromScores(scores);
        double sum = weights.Sum(w => (double)w);
        bool allZero = scores.All(s => s <= 0f);
        // Each weight carries one float32 rounding (2^-24 relative) and the norm its sequential roundings.
        double tolerance = 2 * weights.Length * Math.Pow(2, -23);
        return allZero ? sum == 0 : Math.Abs(sum - 1) <= tolerance;
    }));

    [Fact]
    public void Weights_preserve_the_order_of_scores() => Check.One(Many, Prop.ForAll(Scores, scores =>
    {
        float[] weights = WeightNormalization.FromScores(scores);
        for (int i = 0; i < scores.Length; i++)
        {
            for (int j = 0; j < scores.Length; j++)
            {
                float si = Math.Max(scores[i], 0f), sj = Math.Max(scores[j], 0f);
                if (si <= sj && !(weights[i] <= weights[j]))
                {
                    return false;
                }
            }
        }
        return true;
    }));

    [Fact]
    public void The_largest_weight_emits_65535() => Check.One(Many, Prop.ForAll(NonNegativeWeights, weights =>
    {
        var emitted = U16Emission.Emit(Enumerable.Range(0, weights.Length).ToArray(), weights);
        if (weights.All(w => w == 0f))
        {
            return emitted.IsEmpty;
        }
        float max = weights.Max();
        int firstMaxUid = Array.IndexOf(weights, max);
        int at = emitted.Uids.ToList().IndexOf(firstMaxUid);
        return at >= 0 && emitted.Values[at] == 65535 && emitted.Values.Max() == 65535;
    }));

    [Fact]
    public void Emission_drops_exactly_the_pairs_whose_ratio_rounds_to_zero() => Check.One(Many, Prop.ForAll(NonNegativeWeights, weights =>
    {
        int[] uids = Enumerable.Range(100, weights.Length).ToArray();
        var emitted = U16Emission.Emit(uids, weights);
        if (weights.All(w => w == 0f))
        {
            return emitted.IsEmpty;
        }
        double max = weights.Max();
        // Round half to even sends a scaled ratio to 0 exactly when it is at most one half.
        int[] expectedKept = uids.Where((_, i) => (double)weights[i] / max * 65535 > 0.5).ToArray();
        return emitted.Uids.SequenceEqual(expectedKept) && emitted.Values.All(v => v != 0);
    }));

    [Fact]
    public void Max_weight_limiting_respects_the_limit_within_the_reference_epsilon()
    {
        var limits = Gen.Elements(0.05, 0.1, 0.2, 0.25, 0.5);
        var cases = NonNegativeWeights.Generator.Where(w => w.Any(v => v > 0f)).Zip(limits).ToArbitrary();
        Check.One(Many, Prop.ForAll(cases, c =>
        {
            (float[] x, double limit) = c;
            float[] y = MaxWeightLimit.Normalize(x, limit);
            double sum = y.Sum(v => (double)v);
            bool sumsToOne = Math.Abs(sum - 1) <= 2 * y.Length * Math.Pow(2, -23);
            if (x.Length * limit <= 1)
            {
                return sumsToOne && y.All(v => v == 1f / x.Length);
            }
            // The reference cuts at (limit × cumsum − 1e-7) / (…): at most the limit plus float32 rounding.
            return sumsToOne && y.All(v => v >= 0f) && y.Max() <= limit + MaxWeightLimit.Epsilon;
        }));
    }
}
