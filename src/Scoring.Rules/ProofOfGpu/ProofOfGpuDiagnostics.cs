namespace Scoring.Rules.ProofOfGpu;

/// <summary>What happened to the results of one Proof-of-GPU round, for logs and the stats summary.</summary>
/// <param name="ResultCount">Results received.</param>
/// <param name="MinerCount">Distinct miners (uids) scored.</param>
/// <param name="LocalCount">Miners scored from a local result.</param>
/// <param name="ExternalCount">Miners scored from another validator's result.</param>
/// <param name="SupersededCount">Results not used: a local result outranked them, or a later result of the same source replaced them.</param>
/// <param name="PenalizedCount">Miners at 0 because penalized.</param>
/// <param name="NotQueryableCount">Miners at 0 because not queryable.</param>
/// <param name="RejectedCount">Miners the rule set could not score.</param>
/// <param name="UnknownGpuNames">Each GPU name not in the score table, with the number of miners that reported it.</param>
/// <param name="Rejections">One line per miner the rule set could not score: uid, hotkey and reason.</param>
public sealed record ProofOfGpuDiagnostics(
    int ResultCount,
    int MinerCount,
    int LocalCount,
    int ExternalCount,
    int SupersededCount,
    int PenalizedCount,
    int NotQueryableCount,
    int RejectedCount,
    IReadOnlyDictionary<string, int> UnknownGpuNames,
    IReadOnlyList<string> Rejections);
