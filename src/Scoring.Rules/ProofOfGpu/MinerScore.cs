namespace Scoring.Rules.ProofOfGpu;

/// <summary>A miner's Proof-of-GPU score after merging its results.</summary>
/// <param name="Uid">The miner's uid.</param>
/// <param name="Hotkey">The miner's hotkey.</param>
/// <param name="GpuName">The GPU name of the result used.</param>
/// <param name="GpuCount">The GPU count of the result used.</param>
/// <param name="Score">The score on the 0–1 scale (before weights), exactly as the rule set computed it.</param>
/// <param name="Source">Whether the result used is this validator's or another's.</param>
/// <param name="Allocated">Whether the miner is allocated.</param>
/// <param name="Status">Why the score is what it is.</param>
/// <param name="Reason">A sentence for every status other than <see cref="MinerStatus.Scored"/>.</param>
/// <param name="RuleSet">The rule-set version that scored it (<c>id@version</c>), if any.</param>
public sealed record MinerScore(
    int Uid,
    string Hotkey,
    string GpuName,
    int GpuCount,
    double Score,
    ProofOfGpuSource Source,
    bool Allocated,
    MinerStatus Status,
    string? Reason,
    string? RuleSet);
