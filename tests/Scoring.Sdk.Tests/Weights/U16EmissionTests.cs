namespace Scoring.Sdk.Tests.Weights;

using Scoring.Weights;

public class U16EmissionTests
{
    [Fact]
    public void Largest_weight_emits_65535_and_the_rest_scale_to_it()
    {
        var emitted = U16Emission.Emit([3, 5, 9], [0.5f, 0.25f, 0.25f]);
        Assert.Equal([3, 5, 9], emitted.Uids);
        Assert.Equal([65535, 32768, 32768], emitted.Values); // 0.5 × 65535 = 32767.5 → even 32768
    }

    [Fact]
    public void Pairs_that_round_to_zero_are_dropped_in_uid_order()
    {
        // 1e-6 / 1 × 65535 = 0.065535 → 0: dropped; zeros dropped.
        var emitted = U16Emission.Emit([0, 1, 2, 3], [0f, 1f, 1e-6f, 0.5f]);
        Assert.Equal([1, 3], emitted.Uids);
        Assert.Equal([65535, 32768], emitted.Values);
    }

    [Fact]
    public void All_zero_weights_emit_nothing()
    {
        var emitted = U16Emission.Emit([0, 1, 2], [0f, 0f, -0f]);
        Assert.True(emitted.IsEmpty);
        Assert.Empty(emitted.Values);
    }

    [Fact]
    public void Negative_weight_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => U16Emission.Emit([0, 1], [0.5f, -0.1f]));
        Assert.Contains("weights[1] is negative", error.Message);
    }

    [Fact]
    public void Negative_uid_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => U16Emission.Emit([0, -4], [0.5f, 0.5f]));
        Assert.Contains("uids[1] is negative", error.Message);
    }

    [Fact]
    public void Uid_above_u16_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => U16Emission.Emit([65536], [1f]));
        Assert.Contains("65535", error.Message);
    }

    [Fact]
    public void Mismatched_lengths_are_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => U16Emission.Emit([0, 1, 2], [0.5f, 0.5f]));
        Assert.Contains("same length", error.Message);
        Assert.Contains("3 uids and 2 weights", error.Message);
    }

    [Fact]
    public void Empty_input_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => U16Emission.Emit([], []));
        Assert.Contains("no weights", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_weight_is_an_error(float bad)
    {
        var error = Assert.Throws<ArgumentException>(() => U16Emission.Emit([0, 1], [1f, bad]));
        Assert.Contains("weights[1]", error.Message);
    }

    [Fact]
    public void First_maximum_is_the_scale_and_equal_maxima_both_emit_65535()
    {
        var emitted = U16Emission.Emit([0, 1, 2], [0.4f, 0.2f, 0.4f]);
        Assert.Equal([65535, 32768, 65535], emitted.Values);
    }
}
