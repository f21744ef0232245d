using Scoring.Rules.ProofOfGpu;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The SN27 validator's default GPU score table, written out here independently of the embedded <c>pog-score</c> rule
/// set (which must carry exactly these rows, in this order).
/// </summary>
public static class OracleGpuScores
{
    /// <summary>The rows in the validator's order; <c>NVIDIA B200</c> (5.0) is <c>gmax</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Rows { get; } =
    [
        new("NVIDIA B200", 5.0),
        new("NVIDIA H200", 4.0),
        new("NVIDIA H100 80GB HBM3", 3.3),
        new("NVIDIA H100", 2.8),
        new("NVIDIA A100-SXM4-80GB", 1.9),
        new("NVIDIA A100 80GB PCIe", 1.7),
        new("NVIDIA A100-SXM4-40GB", 1.3),
        new("NVIDIA GeForce RTX 5090", 0.92),
        new("NVIDIA L40s", 0.9),
        new("NVIDIA RTX 6000 Ada Generation", 0.83),
        new("NVIDIA L40", 1.0),
        new("NVIDIA RTX A6000", 0.75),
        new("NVIDIA RTX 4090", 0.68),
        new("NVIDIA A40", 0.0),
        new("NVIDIA GeForce RTX 3090", 0.0),
        new("NVIDIA L4", 0.0),
        new("NVIDIA RTX A5000", 0.26),
        new("NVIDIA RTX A4500", 0.0),
    ];

    /// <summary>The default table, validated.</summary>
    public static GpuScoreTable Default { get; } = GpuScoreTable.Create(Rows);
}
