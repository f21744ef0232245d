namespace Scoring.Rules.ProofOfGpu;

/// <summary>Who produced a Proof-of-GPU result.</summary>
public enum ProofOfGpuSource
{
    /// <summary>This validator checked the miner itself (JSON <c>"local"</c>, the default).</summary>
    Local,

    /// <summary>Another validator's result, with its score (JSON <c>"external"</c>).</summary>
    External,
}
