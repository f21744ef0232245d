using System.Globalization;
using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// Computes the NFT and stake boosts of closed epochs from the jobs' base points and the wallet snapshot.
/// Deterministic and independent of the order of the earnings. Arithmetic and examples: <c>docs/schemes.md</c>.
/// </summary>
/// <remarks>
/// Per (epoch, wallet): GPUs (miner ids) are ranked by their base points in the epoch, both currencies added,
/// highest first, ties by miner id (ordinal). The first <c>GpusPerNft × NFTs</c> get the NFT multiplier <c>n</c>;
/// every GPU gets the stake multiplier <c>s</c>; the two multiply. Per GPU and currency with base <c>b</c> (in points,
/// as a double): NFT boost = <c>FromDouble(b × (n − 1))</c>; stake boost = <c>FromDouble(b × n' × (s − 1))</c> where
/// <c>n'</c> is <c>n</c> on an NFT-boosted GPU and 1 elsewhere. Boosts that round to 0 are not emitted.
/// </remarks>
public sealed class JobBoosts
{
    private readonly IList<JobTier> nftTiers;
    private readonly IList<JobTier> stakeTiers;
    private readonly long gpusPerNft;

    /// <summary>Creates the boost computation of <paramref name="options"/>.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public JobBoosts(OracleJobsOptions options)
    {
        OracleJobsOptionsValidator.ThrowIfInvalid(options);
        nftTiers = [.. options.EffectiveNftTiers];
        stakeTiers = [.. options.EffectiveStakeTiers];
        gpusPerNft = options.GpusPerNft;
    }

    /// <summary>The boosts of every (epoch, wallet) present in <paramref name="earnings"/>.</summary>
    /// <param name="earnings">Every job's base points of the epochs to boost (all of each epoch: boost closed epochs only).</param>
    /// <param name="holdings">What each wallet held in each epoch.</param>
    /// <returns>The boost entries ordered by epoch, wallet, miner id, currency and kind.</returns>
    /// <exception cref="ArgumentException">An earning has a negative base, or an empty wallet or miner id.</exception>
    public IReadOnlyList<JobBoostEntry> Compute(IEnumerable<JobEarning> earnings, WalletSnapshot holdings)
    {
        ArgumentNullException.ThrowIfNull(earnings);
        ArgumentNullException.ThrowIfNull(holdings);

        // (epoch, wallet) → miner → base per currency. Integer sums: the order of the earnings cannot matter.
        var wallets = new SortedDictionary<(long Epoch, string Wallet), Dictionary<string, Points[]>>(WalletOrder.Instance);
        foreach (var e in earnings)
        {
            if (string.IsNullOrWhiteSpace(e.Wallet) || string.IsNullOrWhiteSpace(e.MinerId))
            {
                throw new ArgumentException($"Job '{e.JobId}': wallet and miner id are required.", nameof(earnings));
            }
            if (!Enum.IsDefined(e.Currency))
            {
                throw new ArgumentException($"Job '{e.JobId}': currency {(int)e.Currency} is not Llama or Waifu.", nameof(earnings));
            }
            if (e.Base.IsNegative)
            {
                throw new ArgumentException($"Job '{e.JobId}': base points {e.Base} are negative; boosts apply to earnings, not slashes.", nameof(earnings));
            }
            if (!wallets.TryGetValue((e.Epoch, e.Wallet), out var miners))
            {
                wallets.Add((e.Epoch, e.Wallet), miners = new Dictionary<string, Points[]>(StringComparer.Ordinal));
            }
            if (!miners.TryGetValue(e.MinerId, out var bases))
            {
                miners.Add(e.MinerId, bases = new Points[2]);
            }
            bases[(int)e.Currency] += e.Base;
        }

        var entries = new List<JobBoostEntry>();
        foreach (var ((epoch, wallet), miners) in wallets)
        {
            var held = holdings.Get(epoch, wallet);
            double nft = JobTier.Lookup(nftTiers, held.Nfts);
            double stake = JobTier.Lookup(stakeTiers, held.Stake);
            long covered = held.Nfts > long.MaxValue / gpusPerNft ? long.MaxValue : held.Nfts * gpusPerNft;
            var ranked = miners
                .Select(m => (Miner: m.Key, Bases: m.Value, Combined: m.Value[0] + m.Value[1]))
                .OrderByDescending(m => m.Combined)
                .ThenBy(m => m.Miner, StringComparer.Ordinal)
                .ToList();
            var wave = new List<JobBoostEntry>();
            for (int rank = 0; rank < ranked.Count; rank++)
            {
                var (miner, bases, _) = ranked[rank];
                bool nftBoosted = rank < covered;
                foreach (var currency in (ReadOnlySpan<JobCurrency>)[JobCurrency.Llama, JobCurrency.Waifu])
                {
                    var basePoints = bases[(int)currency];
                    if (basePoints == Points.Zero)
                    {
                        continue;
                    }
                    double b = basePoints.ToDouble();
                    if (nftBoosted && nft != 1)
                    {
                        Add(wave, JobBoostKind.Nft, currency, epoch, wallet, miner, basePoints, nft, Points.FromDouble(b * (nft - 1)),
                            $"NFT x{Text(nft)} ({held.Nfts} NFT{(held.Nfts == 1 ? "" : "s")}) on miner {miner}");
                    }
                    if (stake != 1)
                    {
                        double before = nftBoosted ? nft : 1;
                        Add(wave, JobBoostKind.Stake, currency, epoch, wallet, miner, basePoints, stake, Points.FromDouble(b * before * (stake - 1)),
                            $"stake x{Text(stake)} ({Text(held.Stake)} staked) on miner {miner}{(before != 1 ? $" after NFT x{Text(before)}" : "")}");
                    }
                }
            }
            entries.AddRange(wave.OrderBy(w => w.MinerId, StringComparer.Ordinal).ThenBy(w => w.Currency).ThenBy(w => w.Kind));
        }
        return entries;
    }

    private static void Add(List<JobBoostEntry> entries, JobBoostKind kind, JobCurrency currency, long epoch, string wallet, string miner, Points basePoints, double multiplier, Points amount, string reason)
    {
        if (amount != Points.Zero)
        {
            string key = string.Create(CultureInfo.InvariantCulture, $"boost:{kind.ToString().ToLowerInvariant()}:{currency.ToString().ToLowerInvariant()}:{epoch}:{wallet}:{miner}");
            entries.Add(new JobBoostEntry(key, kind, currency, epoch, wallet, miner, basePoints, multiplier, amount, reason));
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class WalletOrder : IComparer<(long Epoch, string Wallet)>
    {
        public static readonly WalletOrder Instance = new();

        public int Compare((long Epoch, string Wallet) x, (long Epoch, string Wallet) y)
        {
            int byEpoch = x.Epoch.CompareTo(y.Epoch);
            return byEpoch != 0 ? byEpoch : string.CompareOrdinal(x.Wallet, y.Wallet);
        }
    }
}
