namespace Scoring.Rules.Tests.ProofOfGpu;

using Scoring.Rules.ProofOfGpu;
using Scoring.Weights;

public class ProofOfGpuScorerTests
{
    private static readonly ProofOfGpuScorer Scorer = new(new ProofOfGpuOptions());

    private static MinerResult Local(int uid, string gpu, double count, bool queryable = true, bool penalized = false, bool allocated = false) =>
        new(uid, $"5Hot{uid}", gpu, count, queryable, penalized, allocated);

    private static MinerResult External(int uid, double? score, bool penalized = false) =>
        new(uid, $"5Hot{uid}", "NVIDIA H100", 8, Penalized: penalized, Source: MinerResultSource.External, ExternalScore: score);

    [Fact]
    public void Known_gpu_is_scored_from_the_table()
    {
        var score = Scorer.Score(Local(1, "NVIDIA B200", 8));
        Assert.Equal(MinerStatus.Scored, score.Status);
        Assert.Equal(1.0, score.Score);
        Assert.Null(score.Reason);
    }

    [Fact]
    public void Unknown_gpu_scores_zero_with_a_diagnostic()
    {
        var round = Scorer.Score([Local(1, "NVIDIA GTX 1080", 4), Local(2, "NVIDIA GTX 1080", 1), Local(3, "nvidia b200", 8)]);
        Assert.All(round.Miners, m => Assert.Equal(0.0, m.Score));
        Assert.All(round.Miners, m => Assert.Equal(MinerStatus.UnknownGpu, m.Status));
        Assert.Equal(2, round.Diagnostics.UnknownGpuNames["NVIDIA GTX 1080"]);
        Assert.Equal(1, round.Diagnostics.UnknownGpuNames["nvidia b200"]);
        Assert.Contains("not in the score table", round.Miners[0].Reason);
    }

    [Fact]
    public void Penalized_and_non_queryable_miners_score_zero()
    {
        var round = Scorer.Score([Local(1, "NVIDIA B200", 8, penalized: true), Local(2, "NVIDIA B200", 8, queryable: false), External(3, 0.5, penalized: true)]);
        Assert.Equal([MinerStatus.Penalized, MinerStatus.NotQueryable, MinerStatus.Penalized], round.Miners.Select(m => m.Status));
        Assert.All(round.Miners, m => Assert.Equal(0.0, m.Score));
        Assert.Equal(2, round.Diagnostics.PenalizedCount);
        Assert.Equal(1, round.Diagnostics.NotQueryableCount);
    }

    [Fact]
    public void Allocation_gives_no_bonus_by_default_and_the_multiplier_is_an_option()
    {
        Assert.Equal(Scorer.Score(Local(1, "NVIDIA H100", 2)).Score, Scorer.Score(Local(1, "NVIDIA H100", 2, allocated: true)).Score);
        var boosted = new ProofOfGpuScorer(new ProofOfGpuOptions { AllocationMultiplier = 1.2 });
        double expected = (((2.8 * 2) * (100.0 / (5.0 * 8))) * 1.2) / 100.0;
        Assert.Equal(expected, boosted.Score(Local(1, "NVIDIA H100", 2, allocated: true)).Score);
        Assert.Equal(Scorer.Score(Local(1, "NVIDIA H100", 2)).Score, boosted.Score(Local(1, "NVIDIA H100", 2)).Score);
    }

    [Fact]
    public void Local_result_outranks_an_external_one_in_either_order()
    {
        foreach (var results in new[] { new[] { External(5, 0.9), Local(5, "NVIDIA H100", 1) }, [Local(5, "NVIDIA H100", 1), External(5, 0.9)] })
        {
            var round = Scorer.Score(results);
            var miner = Assert.Single(round.Miners);
            Assert.Equal(MinerResultSource.Local, miner.Source);
            Assert.Equal(ProofOfGpuScore.Compute(2.8, 5.0, 1), miner.Score);
            Assert.Equal(1, round.Diagnostics.SupersededCount);
        }
    }

    [Fact]
    public void External_score_is_used_on_the_same_scale_when_there_is_no_local_result()
    {
        var round = Scorer.Score([External(7, 0.42)]);
        var miner = Assert.Single(round.Miners);
        Assert.Equal(0.42, miner.Score);
        Assert.Equal(MinerResultSource.External, miner.Source);
        Assert.Equal(1, round.Diagnostics.ExternalCount);
    }

    [Fact]
    public void Later_result_of_the_same_source_replaces_the_earlier()
    {
        var round = Scorer.Score([Local(2, "NVIDIA H100", 1), Local(2, "NVIDIA H200", 2)]);
        Assert.Equal("NVIDIA H200", Assert.Single(round.Miners).GpuName);
        Assert.Equal(1, round.Diagnostics.SupersededCount);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(-1.0, "negative")]
    [InlineData(2.5, "fractional")]
    public void Bad_gpu_count_is_rejected_with_a_reason_instead_of_poisoning_the_weights(double count, string reason)
    {
        var round = Scorer.Score([Local(0, "NVIDIA B200", count), Local(1, "NVIDIA H100", 8)]);
        Assert.Equal(MinerStatus.Rejected, round.Miners[0].Status);
        Assert.Equal(0.0, round.Miners[0].Score);
        Assert.Contains(reason, round.Miners[0].Reason);
        Assert.Equal(1, round.Diagnostics.RejectedCount);
        Assert.Contains(round.Diagnostics.Rejections, r => r.StartsWith("uid 0 (5Hot0)"));
        var weights = round.ToWeights();
        Assert.Equal([0f, 1f], weights.Weights); // the good miner keeps all weight, no NaN anywhere
    }

    [Theory]
    [InlineData(null, "no score")]
    [InlineData(double.NaN, "0..1")]
    [InlineData(-0.1, "0..1")]
    [InlineData(42.0, "0..1")]
    public void Bad_external_score_is_rejected(double? score, string reason)
    {
        var miner = Assert.Single(Scorer.Score([External(3, score)]).Miners);
        Assert.Equal(MinerStatus.Rejected, miner.Status);
        Assert.Contains(reason, miner.Reason);
    }

    [Fact]
    public void Missing_gpu_name_is_rejected()
    {
        var miner = Scorer.Score(new MinerResult(1, "5Hot", null, 2));
        Assert.Equal(MinerStatus.Rejected, miner.Status);
    }

    [Fact]
    public void Uid_outside_the_chain_range_is_not_scored()
    {
        var round = Scorer.Score([Local(-1, "NVIDIA B200", 8), Local(70000, "NVIDIA B200", 8), Local(1, "NVIDIA B200", 8)]);
        Assert.Equal([1], round.Miners.Select(m => m.Uid));
        Assert.Equal(2, round.Diagnostics.RejectedCount);
        Assert.Equal(3, round.Diagnostics.ResultCount);
        Assert.Equal(0, round.Diagnostics.SupersededCount);
    }

    [Fact]
    public void Round_weights_follow_the_scores_through_float32()
    {
        var round = Scorer.Score([Local(4, "NVIDIA GeForce RTX 5090", 1), Local(1, "NVIDIA B200", 8), Local(2, "NVIDIA H100 80GB HBM3", 1)]);
        Assert.Equal([1, 2, 4], round.Miners.Select(m => m.Uid));
        var weights = round.ToWeights();
        float s1 = 1f, s2 = (float)0.0825, s4 = (float)0.023000000000000003;
        float norm = (0f + s1) + s2 + s4;
        Assert.Equal([s1 / norm, s2 / norm, s4 / norm], weights.Weights);
        Assert.Equal([1, 2, 4], weights.Emission.Uids);
        Assert.Equal(65535, weights.Emission.Values[0]);
        Assert.Equal(5407, weights.Emission.Values[1]); // round(0.0825f/1f × 65535) = round(5406.6…)
    }

    [Fact]
    public void Invalid_options_are_a_configuration_error_at_construction()
    {
        Assert.Throws<ProofOfGpuConfigurationException>(() => new ProofOfGpuScorer(new ProofOfGpuOptions { GpuScores = [new GpuScore("A", 0)] }));
        Assert.Throws<ProofOfGpuConfigurationException>(() => new ProofOfGpuScorer(new ProofOfGpuOptions { MaxGpus = 0 }));
    }

    [Fact]
    public void Empty_round_has_no_weights_but_burn_still_works()
    {
        var round = Scorer.Score([]);
        Assert.Empty(round.Miners);
        Assert.Throws<ArgumentException>(() => round.ToWeights());
        Assert.Equal([65535], round.ToWeights(new WeightSettings { BurnUid = 0 }).Emission.Values);
    }
}
