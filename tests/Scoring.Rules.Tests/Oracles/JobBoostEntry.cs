using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>One boost paid to one GPU of a wallet for one epoch and currency: its own ledger entry, so a miner can see it.</summary>
/// <param name="Key">A stable id (kind, epoch, wallet, miner, currency): the ledger's idempotency key.</param>
/// <param name="Kind">NFT or stake boost.</param>
/// <param name="Currency">The currency boosted.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="MinerId">The boosted GPU.</param>
/// <param name="Base">The GPU's base points in the epoch and currency.</param>
/// <param name="Multiplier">The tier multiplier applied (e.g. 1.2).</param>
/// <param name="Amount">The points added (never negative).</param>
/// <param name="Reason">A human-readable explanation, e.g. <c>NFT x1.2 (2 NFTs) on miner m3</c>.</param>
public readonly record struct JobBoostEntry(
    string Key,
    JobBoostKind Kind,
    JobCurrency Currency,
    long Epoch,
    string Wallet,
    string MinerId,
    Points Base,
    double Multiplier,
    Points Amount,
    string Reason);

/// <summary>The kinds of boost.</summary>
public enum JobBoostKind
{
    /// <summary>The NFT holder multiplier (on at most <see cref="OracleJobsOptions.GpusPerNft"/> GPUs per NFT).</summary>
    Nft,

    /// <summary>The staking multiplier (on every GPU of the wallet).</summary>
    Stake,
}
