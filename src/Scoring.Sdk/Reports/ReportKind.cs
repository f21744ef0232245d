namespace Scoring.Reports;

/// <summary>The kind of a <see cref="Report"/>, written as the <c>type</c> discriminator of a JSON line.</summary>
public enum ReportKind
{
    /// <summary>A training-swarm peer's FLOP heartbeat (<c>"type": "swarm"</c>), see <see cref="SwarmPeerReport"/>.</summary>
    SwarmPeer,

    /// <summary>A finished image-generation job (<c>"type": "image"</c>), see <see cref="ImageJobReport"/>.</summary>
    ImageJob,

    /// <summary>A finished LLM inference job (<c>"type": "llm"</c>), see <see cref="LlmJobReport"/>.</summary>
    LlmJob,

    /// <summary>A Proof-of-GPU validation result (<c>"type": "pog"</c>), see <see cref="ProofOfGpuReport"/>.</summary>
    ProofOfGpu,
}
