namespace Scoring.Rules.ProofOfGpu;

/// <summary>Why a miner has the score it has.</summary>
public enum MinerStatus
{
    /// <summary>Scored from a known GPU (local) or taken from another validator (external).</summary>
    Scored,

    /// <summary>The GPU name is not in the rule set's score table: score 0.</summary>
    UnknownGpu,

    /// <summary>The miner is penalized: score 0.</summary>
    Penalized,

    /// <summary>The miner is not queryable: score 0.</summary>
    NotQueryable,

    /// <summary>The rule set could not score the result (no version in force, or it voided it): score 0; see the reason.</summary>
    Rejected,
}
