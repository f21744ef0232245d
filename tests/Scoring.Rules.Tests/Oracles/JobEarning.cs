using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>The base points one job earned (from the per-job rule set), as the boosts read them.</summary>
/// <param name="Currency">Llama (LLM) or Waifu (image) points.</param>
/// <param name="Wallet">The miner's wallet.</param>
/// <param name="MinerId">The GPU (one miner id per GPU) that ran the job.</param>
/// <param name="JobId">The job.</param>
/// <param name="Epoch">The epoch of the job's report time (<see cref="JobEpochs.EpochOf"/>).</param>
/// <param name="Base">The job's base points (not negative).</param>
public readonly record struct JobEarning(JobCurrency Currency, string Wallet, string MinerId, string JobId, long Epoch, Points Base);
