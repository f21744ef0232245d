namespace Scoring.Ledger;

/// <summary>What a ledger entry pays for. The numeric values are stored; never renumber them.</summary>
public enum EntryKind
{
    /// <summary>Points for work done (FLOPs, GPU score). Never negative.</summary>
    Compute = 0,

    /// <summary>Points for time a peer was counted as present. Never negative; carries active seconds.</summary>
    Presence = 1,

    /// <summary>Points for a completed job (image, LLM tokens). Never negative.</summary>
    Job = 2,

    /// <summary>Extra points from a multiplier (NFT, stake tier). Never negative.</summary>
    Boost = 3,

    /// <summary>An auditable penalty: zero or negative, with a reason and an operator name.</summary>
    Slash = 4,

    /// <summary>A manual correction of either sign, with a reason and an operator name.</summary>
    Adjustment = 5,
}
