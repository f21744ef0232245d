namespace Scoring.Rules.Tests.Oracles;

/// <summary>Who measured a miner's GPUs.</summary>
public enum MinerResultSource
{
    /// <summary>This validator's own Proof-of-GPU run; the score is computed from the GPU name and count.</summary>
    Local,

    /// <summary>Another validator's reported score (0–1), used only when there is no local result for the miner.</summary>
    External,
}
