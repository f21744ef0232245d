namespace Scoring.Rules.Tests.ProofOfGpu;

using FsCheck;
using FsCheck.Fluent;
using Scoring.Rules.ProofOfGpu;

public class ProofOfGpuScoreTests
{
    [Fact]
    public void Eight_B200_score_exactly_one()
    {
        Assert.Equal(1.0, ProofOfGpuScore.Compute(5.0, 5.0, 8));
    }

    [Fact]
    public void One_H100_80GB_HBM3_scores_0_0825()
    {
        Assert.Equal(0.0825, ProofOfGpuScore.Compute(3.3, 5.0, 1));
    }

    [Fact]
    public void One_RTX_5090_scores_0_023000000000000003_in_reference_order()
    {
        double score = ProofOfGpuScore.Compute(0.92, 5.0, 1);
        Assert.Equal(0.023000000000000003, score);
        Assert.Equal("0.023000000000000003", score.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0.023, score); // the naive 0.92 × 1 / 40 would give 0.023
    }

    [Fact]
    public void Counts_above_eight_count_as_eight_and_zero_scores_zero()
    {
        Assert.Equal(ProofOfGpuScore.Compute(2.8, 5.0, 8), ProofOfGpuScore.Compute(2.8, 5.0, 64));
        Assert.Equal(0.0, ProofOfGpuScore.Compute(2.8, 5.0, 0));
    }

    [Fact]
    public void Allocation_multiplier_one_changes_no_bit_and_two_doubles_before_the_division()
    {
        double plain = ProofOfGpuScore.Compute(0.92, 5.0, 3);
        Assert.Equal(BitConverter.DoubleToInt64Bits(plain), BitConverter.DoubleToInt64Bits(ProofOfGpuScore.Compute(0.92, 5.0, 3, 8, 1.0)));
        double expected = (((0.92 * 3) * (100.0 / (5.0 * 8))) * 2.0) / 100.0;
        Assert.Equal(expected, ProofOfGpuScore.Compute(0.92, 5.0, 3, 8, 2.0));
    }

    [Fact]
    public void Score_is_monotone_in_gpu_count_up_to_eight_and_flat_after()
    {
        var gpus = Gen.Elements(GpuScoreTable.Default.Entries.ToArray());
        var counts = Gen.Choose(0, 40);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(gpus.Zip(counts).ToArbitrary(), c =>
        {
            var ((_, g), n) = c;
            double gmax = GpuScoreTable.Default.MaxScore;
            double here = ProofOfGpuScore.Compute(g, gmax, n);
            double next = ProofOfGpuScore.Compute(g, gmax, n + 1);
            return n < 8 ? (g > 0 ? next > here : next == here) : next == here;
        }));
    }

    [Fact]
    public void Score_is_between_zero_and_one_for_every_table_gpu()
    {
        foreach (var (name, g) in GpuScoreTable.Default.Entries)
        {
            for (int n = 0; n <= 12; n++)
            {
                double score = ProofOfGpuScore.Compute(g, GpuScoreTable.Default.MaxScore, n);
                Assert.True(score >= 0 && score <= 1, $"{n} × {name} scored {score}");
            }
        }
    }
}
