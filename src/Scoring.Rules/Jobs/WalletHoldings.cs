namespace Scoring.Rules.Jobs;

/// <summary>What a wallet held during an epoch: NFTs and staked tokens (one line of a wallet snapshot).</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Wallet">The wallet, compared exactly (ordinal).</param>
/// <param name="Nfts">NFTs held.</param>
/// <param name="Stake">Tokens staked.</param>
public readonly record struct WalletHoldings(long Epoch, string Wallet, long Nfts, double Stake);
