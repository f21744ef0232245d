namespace Scoring.Sdk.Tests.Weights;

using Scoring.Weights;

public class WeightCadenceTests
{
    [Fact]
    public void Default_rate_limit_is_100_blocks()
    {
        Assert.Equal(100, new WeightCadence().RateLimit);
    }

    [Fact]
    public void Exactly_the_rate_limit_since_the_update_is_not_yet_time()
    {
        var decision = new WeightCadence().Check(currentBlock: 1100, lastUpdateBlock: 1000);
        Assert.False(decision.IsTime);
        Assert.Equal(1101, decision.NextEligibleBlock);
        Assert.Contains("100 blocks since the last update", decision.Reason);
        Assert.Contains("wait 1 more block", decision.Reason);
    }

    [Fact]
    public void One_block_more_than_the_rate_limit_is_time()
    {
        var decision = new WeightCadence().Check(1101, 1000);
        Assert.True(decision.IsTime);
        Assert.Equal(1101, decision.NextEligibleBlock);
        Assert.Contains("more than the rate limit of 100", decision.Reason);
    }

    [Fact]
    public void Never_set_is_time()
    {
        var decision = new WeightCadence(360).Check(5, null);
        Assert.True(decision.IsTime);
        Assert.Contains("never set", decision.Reason);
    }

    [Fact]
    public void Current_block_before_the_last_update_is_not_time()
    {
        var decision = new WeightCadence(10).Check(50, 60);
        Assert.False(decision.IsTime);
        Assert.Equal(71, decision.NextEligibleBlock);
        Assert.Contains("before the last update", decision.Reason);
    }

    [Fact]
    public void Negative_blocks_and_rate_limit_are_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightCadence(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightCadence().Check(-1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightCadence().Check(10, -1));
    }

    [Fact]
    public void Zero_rate_limit_allows_every_new_block_but_not_the_same_block()
    {
        var cadence = new WeightCadence(0);
        Assert.False(cadence.Check(7, 7).IsTime);
        Assert.True(cadence.Check(8, 7).IsTime);
    }
}
