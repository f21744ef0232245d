using Scoring.Reports;

namespace Scoring.Rules.Jobs;

/// <summary>
/// One row of the <c>jobs-boosts</c> rule set: a GPU's base points of one currency in a closed epoch, its rank among
/// its wallet's GPUs, and what the wallet held.
/// </summary>
/// <param name="Currency">Llama or Waifu.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="MinerId">The GPU.</param>
/// <param name="Base">The GPU's base points of the currency in the epoch.</param>
/// <param name="Rank">0 for the wallet's GPU with the most base points of the epoch (both currencies added; ties by miner id), 1 for the next, …</param>
/// <param name="Nfts">NFTs the wallet held in the epoch.</param>
/// <param name="Stake">Tokens the wallet staked in the epoch.</param>
public readonly record struct BoostFacts(JobCurrency Currency, long Epoch, string Wallet, string MinerId, Points Base, long Rank, long Nfts, double Stake)
{
    /// <summary>The inputs a boosts rule set may read.</summary>
    public static IReadOnlyList<RowField<BoostFacts>> Fields { get; } =
    [
        RowField<BoostFacts>.Double("base", f => f.Base.ToDouble()),
        RowField<BoostFacts>.Int("rank", f => f.Rank),
        RowField<BoostFacts>.Int("nfts", f => f.Nfts),
        RowField<BoostFacts>.Double("stake", f => f.Stake),
        RowField<BoostFacts>.Int("epoch", f => f.Epoch),
        RowField<BoostFacts>.String("wallet", f => f.Wallet),
        RowField<BoostFacts>.String("minerId", f => f.MinerId),
        RowField<BoostFacts>.String("currency", f => f.Currency == JobCurrency.Llama ? "llama" : "waifu"),
    ];
}
