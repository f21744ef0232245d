using Scoring.Weights;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>The scores of one Proof-of-GPU round: one entry per miner in ascending uid order, and what happened.</summary>
/// <param name="Miners">The miners' scores, ascending by uid, one per uid.</param>
/// <param name="Diagnostics">Counts, unknown GPU names and rejections.</param>
public sealed record ProofOfGpuRound(IReadOnlyList<MinerScore> Miners, ProofOfGpuDiagnostics Diagnostics)
{
    /// <summary>
    /// The round's weights: each score rounded to float32 (the validator's score tensor), then
    /// <see cref="SubnetWeights.Compute(ReadOnlySpan{int}, ReadOnlySpan{double}, WeightSettings?)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The round has no miners (and no burn uid is set).</exception>
    public SubnetWeights ToWeights(WeightSettings? settings = null)
    {
        int[] uids = Miners.Select(m => m.Uid).ToArray();
        double[] scores = Miners.Select(m => m.Score).ToArray();
        return SubnetWeights.Compute(uids, scores, settings);
    }
}
