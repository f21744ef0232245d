using Scoring.Rules.ProofOfGpu;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The Proof-of-GPU settings as they were before they became the table and parameters of the <c>pog-score</c> rule set:
/// what <see cref="ProofOfGpuScorer"/> (the oracle) scores with. Validate with <see cref="ProofOfGpuOptionsValidator"/>.
/// </summary>
public sealed class ProofOfGpuOptions
{
    /// <summary>
    /// The GPU score table in order (the first maximum is <c>gmax</c>'s GPU). Null means
    /// <see cref="OracleGpuScores.Default"/>; an empty or all-zero table is a configuration error.
    /// </summary>
    public List<GpuScore>? GpuScores { get; set; }

    /// <summary>Multiplies an allocated miner's score; the reference gives no allocation bonus (1).</summary>
    public double AllocationMultiplier { get; set; } = 1.0;

    /// <summary>The most GPUs of one miner that count (reference: 8).</summary>
    public int MaxGpus { get; set; } = ProofOfGpuScore.DefaultMaxGpus;

    /// <summary>Builds the score table these options describe.</summary>
    /// <exception cref="ProofOfGpuConfigurationException">The table is empty, all zero, or has a bad row.</exception>
    public GpuScoreTable BuildTable() =>
        GpuScores is null ? OracleGpuScores.Default : GpuScoreTable.Create(GpuScores.Select(r => KeyValuePair.Create(r.Name, r.Score)));
}
