namespace Scoring.Reports;

/// <summary>Who produced a <see cref="ProofOfGpuReport"/>.</summary>
public enum ProofOfGpuSource
{
    /// <summary>This validator's own Proof-of-GPU check (JSON <c>"local"</c>, the default).</summary>
    Local,

    /// <summary>Another validator's result, shared with its score (JSON <c>"external"</c>).</summary>
    External,
}
