namespace Scoring.Rules.ProofOfGpu;

/// <summary>One row of the GPU score table: a GPU name as the miner reports it, and its score.</summary>
public sealed class GpuScore
{
    /// <summary>Creates an empty row (for options binding).</summary>
    public GpuScore()
    {
    }

    /// <summary>Creates a row.</summary>
    public GpuScore(string name, double score)
    {
        Name = name;
        Score = score;
    }

    /// <summary>The GPU name, matched exactly and case-sensitively (e.g. <c>NVIDIA H100 80GB HBM3</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The GPU's score <c>g</c>, finite and ≥ 0.</summary>
    public double Score { get; set; }
}
