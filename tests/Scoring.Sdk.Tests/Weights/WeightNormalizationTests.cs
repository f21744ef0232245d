namespace Scoring.Sdk.Tests.Weights;

using Scoring.Weights;

public class WeightNormalizationTests
{
    [Fact]
    public void Negative_scores_are_clamped_to_zero_and_negative_zero_is_kept()
    {
        float[] clamped = WeightNormalization.ClampNegatives([-1f, 2f, -0f, -1e-30f]);
        Assert.Equal(0f, clamped[0]);
        Assert.Equal(2f, clamped[1]);
        Assert.True(float.IsNegative(clamped[2]), "-0 is not below 0, the reference leaves it");
        Assert.Equal(0f, clamped[3]);
    }

    [Fact]
    public void L1_normalization_divides_by_the_float32_sum()
    {
        float[] weights = WeightNormalization.L1Normalize([1f, 3f]);
        Assert.Equal([0.25f, 0.75f], weights);
    }

    [Fact]
    public void Norm_accumulates_sequentially_in_float32_from_zero()
    {
        // 1 + 2^-24 rounds back to 1 in float32 at every step: sequential sum is exactly 1, so the weight of the
        // 1 is exactly 1 and the tiny ones are 2^-24 each (a pairwise or double sum would give a different norm).
        float tiny = MathF.Pow(2, -24);
        float[] weights = WeightNormalization.L1Normalize([1f, tiny, tiny, tiny, tiny]);
        Assert.Equal(1f, weights[0]);
        Assert.Equal(tiny, weights[1]);
    }

    [Fact]
    public void All_zero_scores_give_all_zero_weights()
    {
        float[] weights = WeightNormalization.FromScores([0f, -2f, 0f]);
        Assert.All(weights, w => Assert.Equal(0f, w));
    }

    [Fact]
    public void Tiny_norm_is_bounded_below_by_epsilon()
    {
        float denormal = 1e-40f;
        float[] weights = WeightNormalization.L1Normalize([denormal]);
        Assert.Equal(denormal / WeightNormalization.NormEpsilon, weights[0]);
    }

    [Fact]
    public void NaN_score_is_rejected_with_its_index()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightNormalization.FromScores([0.5f, float.NaN]));
        Assert.Contains("scores[1]", error.Message);
    }

    [Fact]
    public void Infinite_score_is_rejected_with_its_index()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightNormalization.L1Normalize([float.PositiveInfinity]));
        Assert.Contains("scores[0]", error.Message);
    }
}
