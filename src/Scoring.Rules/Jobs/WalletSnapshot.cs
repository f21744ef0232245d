namespace Scoring.Rules.Jobs;

/// <summary>Wallet holdings per epoch; a wallet that is not listed holds nothing.</summary>
public sealed class WalletSnapshot
{
    private readonly Dictionary<(long Epoch, string Wallet), WalletHoldings> holdings = [];

    /// <summary>Creates a snapshot.</summary>
    /// <exception cref="ArgumentException">A wallet is listed twice for one epoch, or a value is negative.</exception>
    public WalletSnapshot(IEnumerable<WalletHoldings> holdings)
    {
        ArgumentNullException.ThrowIfNull(holdings);
        foreach (var h in holdings)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(h.Wallet, nameof(holdings));
            if (h.Nfts < 0 || !(h.Stake >= 0 && double.IsFinite(h.Stake)))
            {
                throw new ArgumentException($"Wallet '{h.Wallet}' in epoch {h.Epoch}: NFTs and stake must not be negative.", nameof(holdings));
            }
            if (!this.holdings.TryAdd((h.Epoch, h.Wallet), h))
            {
                throw new ArgumentException($"Wallet '{h.Wallet}' is listed twice for epoch {h.Epoch}.", nameof(holdings));
            }
        }
    }

    /// <summary>A snapshot in which no wallet holds anything.</summary>
    public static WalletSnapshot Empty { get; } = new([]);

    /// <summary>How many (epoch, wallet) entries the snapshot lists.</summary>
    public int Count => holdings.Count;

    /// <summary>What <paramref name="wallet"/> held in <paramref name="epoch"/> (nothing if not listed).</summary>
    public WalletHoldings Get(long epoch, string wallet) =>
        holdings.TryGetValue((epoch, wallet), out var h) ? h : new WalletHoldings(epoch, wallet, 0, 0);
}
