namespace Scoring.Sdk.Tests.Weights;

using Scoring.Weights;

public class MaxWeightLimitTests
{
    [Fact]
    public void Weights_already_under_the_limit_are_only_normalized()
    {
        float[] y = MaxWeightLimit.Normalize([1f, 1f, 2f], 0.5);
        Assert.Equal([0.25f, 0.25f, 0.5f], y);
    }

    [Fact]
    public void Unreachable_limit_gives_uniform_weights()
    {
        // 3 × 0.3 ≤ 1: the limit cannot be met, the reference returns 1/n.
        float[] y = MaxWeightLimit.Normalize([5f, 1f, 1f], 0.3);
        Assert.All(y, v => Assert.Equal(1f / 3, v));
    }

    [Fact]
    public void All_zero_gives_uniform_weights()
    {
        float[] y = MaxWeightLimit.Normalize([0f, 0f, 0f, 0f], 0.5);
        Assert.All(y, v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void A_dominant_weight_is_cut_to_the_limit()
    {
        float[] y = MaxWeightLimit.Normalize([100f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f], 0.25);
        Assert.True(y[0] <= 0.25f, $"{y[0]} > 0.25");
        Assert.True(y[0] > 0.2499f, $"{y[0]} is cut more than the epsilon");
        Assert.Equal(y[1], y[9]);
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        Assert.Empty(MaxWeightLimit.Normalize([], 0.5));
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxWeightLimit.Normalize([1f], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxWeightLimit.Normalize([1f], 1.01));
        Assert.Throws<ArgumentException>(() => MaxWeightLimit.Normalize([1f, -1f], 0.5));
        Assert.Throws<ArgumentException>(() => MaxWeightLimit.Normalize([float.NaN], 0.5));
    }
}
