namespace Scoring.Sdk.Tests.Weights;

using Scoring.Weights;

public class SubnetWeightsTests
{
    [Fact]
    public void Scores_in_any_order_give_weights_in_uid_order()
    {
        var result = SubnetWeights.Compute([7, 2, 4], [0.25f, 0.5f, 0.25f]);
        Assert.Equal(WeightMode.Scores, result.Mode);
        Assert.Equal([2, 4, 7], result.Uids);
        Assert.Equal([0.5f, 0.25f, 0.25f], result.Weights);
        Assert.Equal([2, 4, 7], result.Emission.Uids);
        Assert.Equal([65535, 32768, 32768], result.Emission.Values);
    }

    [Fact]
    public void Burn_mode_gives_all_weight_to_the_burn_uid()
    {
        var result = SubnetWeights.Compute([1, 2], [0.3f, 0.7f], new WeightSettings { BurnUid = 0 });
        Assert.Equal(WeightMode.Burn, result.Mode);
        Assert.Equal([0], result.Uids);
        Assert.Equal([1f], result.Weights);
        Assert.Equal([0], result.Emission.Uids);
        Assert.Equal([65535], result.Emission.Values);
    }

    [Fact]
    public void Burn_mode_rejects_an_invalid_burn_uid()
    {
        Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([1], [1f], new WeightSettings { BurnUid = -1 }));
        Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([1], [1f], new WeightSettings { BurnUid = 70000 }));
    }

    [Fact]
    public void All_zero_scores_emit_nothing()
    {
        var result = SubnetWeights.Compute([0, 1], [0f, -3f]);
        Assert.Equal([0f, 0f], result.Weights);
        Assert.True(result.Emission.IsEmpty);
    }

    [Fact]
    public void Max_weight_limits_the_non_zero_weights_and_keeps_zeros()
    {
        float[] scores = [0f, 10f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f];
        var result = SubnetWeights.Compute(Enumerable.Range(0, scores.Length).ToArray(), scores, new WeightSettings { MaxWeight = 0.2 });
        Assert.Equal(0f, result.Weights[0]);
        Assert.True(result.Weights[1] <= 0.2f, $"largest weight {result.Weights[1]} is above the limit");
        Assert.Equal(1f, result.Weights.Sum(), 1e-6f);
        Assert.Equal(65535, result.Emission.Values[0]);
        Assert.Equal(1, result.Emission.Uids[0]);
    }

    [Fact]
    public void Repeated_uid_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([3, 1, 3], [1f, 1f, 1f]));
        Assert.Contains("uid 3 appears more than once", error.Message);
    }

    [Fact]
    public void Mismatched_lengths_are_an_error()
    {
        Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([1, 2], new float[] { 1f }));
    }

    [Fact]
    public void Empty_input_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([], Array.Empty<float>()));
    }

    [Fact]
    public void Negative_uid_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([0, -2], [1f, 1f]));
        Assert.Contains("negative", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Max_weight_outside_zero_to_one_is_an_error(double limit)
    {
        Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([0], [1f], new WeightSettings { MaxWeight = limit }));
    }

    [Fact]
    public void Double_scores_are_rounded_to_float32_and_out_of_range_ones_rejected()
    {
        var result = SubnetWeights.Compute([0, 1], [0.1, 0.1]);
        Assert.Equal([0.5f, 0.5f], result.Weights);
        var error = Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([0], [1e300]));
        Assert.Contains("float32", error.Message);
        Assert.Throws<ArgumentException>(() => SubnetWeights.Compute([0], [double.NaN]));
    }
}
