namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The per-miner Proof-of-GPU score of the SN27 validator (<c>calc_score_pog</c>): the GPU's table value times the
/// GPU count (at most 8), scaled so that 8 of the best GPU score 100, then divided by 100. Evaluated in IEEE double in
/// exactly the reference's order, so results are bit-identical to it.
/// </summary>
public static class ProofOfGpuScore
{
    /// <summary>The most GPUs of one miner that count, and the count that scores 1.0 with the best GPU.</summary>
    public const int DefaultMaxGpus = 8;

    /// <summary><c>((g × min(count, 8)) × (100 / (gmax × 8))) / 100</c>.</summary>
    /// <param name="g">The GPU's table value.</param>
    /// <param name="gmax">The largest table value (&gt; 0).</param>
    /// <param name="count">The miner's GPU count (≥ 0).</param>
    public static double Compute(double g, double gmax, int count) => Compute(g, gmax, count, DefaultMaxGpus, 1.0);

    /// <summary>
    /// <c>(((g × min(count, maxGpus)) × (100 / (gmax × maxGpus))) × multiplier) / 100</c>; with the default
    /// multiplier 1 the product by it changes no bit, as in the reference's "allocation multiplier = 1".
    /// </summary>
    /// <param name="g">The GPU's table value.</param>
    /// <param name="gmax">The largest table value (&gt; 0).</param>
    /// <param name="count">The miner's GPU count (≥ 0).</param>
    /// <param name="maxGpus">The GPU count cap (reference: 8).</param>
    /// <param name="multiplier">The allocation multiplier for an allocated miner, 1 otherwise.</param>
    public static double Compute(double g, double gmax, int count, int maxGpus, double multiplier)
    {
        double n = Math.Min(count, maxGpus);
        double scoreFactor = 100.0 / (gmax * maxGpus);
        double score = (g * n) * scoreFactor;
        score *= multiplier;
        return score / 100.0;
    }
}
