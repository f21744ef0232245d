namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// One Proof-of-GPU result for a miner, the scheme's input record. The GPU count is a double so that NaN, infinite,
/// negative or fractional counts can be rejected with a reason instead of failing to parse.
/// </summary>
/// <param name="Uid">The miner's uid on the subnet (0..65535).</param>
/// <param name="Hotkey">The miner's hotkey (SS58 address).</param>
/// <param name="GpuName">The GPU name as reported (matched exactly against the table); may be null for an external result.</param>
/// <param name="GpuCount">The number of GPUs; must be a whole number ≥ 0 for a local result.</param>
/// <param name="Queryable">Whether the miner is reachable (has an axon and is not blacklisted); a non-queryable miner scores 0.</param>
/// <param name="Penalized">Whether the miner is penalized (failed a check); a penalized miner scores 0.</param>
/// <param name="Allocated">Whether the miner is allocated (rented); multiplies the score by the allocation multiplier.</param>
/// <param name="Source">Local measurement or another validator's score.</param>
/// <param name="ExternalScore">Another validator's score on the 0–1 scale (external results only).</param>
public sealed record MinerResult(
    int Uid,
    string Hotkey,
    string? GpuName,
    double GpuCount,
    bool Queryable = true,
    bool Penalized = false,
    bool Allocated = false,
    MinerResultSource Source = MinerResultSource.Local,
    double? ExternalScore = null);
