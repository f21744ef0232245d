using FsCheck;
using FsCheck.Fluent;
using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class JobBoostsProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    public sealed record BoostCase(JobEarning[] Earnings, WalletHoldings[] Holdings, JobsOptions Options, int Seed);

    private static readonly Gen<JobEarning> Earning =
        from currency in Gen.Elements(JobCurrency.Llama, JobCurrency.Waifu)
        from wallet in Gen.Elements("w1", "w2", "w3")
        from miner in Gen.Choose(0, 12)
        from epoch in Gen.Choose(0, 2)
        from units in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(0, 50_000_000)))
        from job in Gen.Choose(0, int.MaxValue)
        select new JobEarning(currency, wallet, $"m{miner}", $"j{job}", epoch, Points.FromUnits(units));

    private static readonly Gen<JobTier[]> Tiers =
        from count in Gen.Choose(1, 4)
        from steps in Gen.Choose(1, 3).ArrayOf(count)
        from multipliers in Gen.Choose(100, 300).ArrayOf(count)
        select steps.Select((s, i) => JobTier.Of(i == 0 ? 0 : steps.Take(i + 1).Sum() - steps[0], multipliers.Take(i + 1).Max() / 100.0)).ToArray();

    private static readonly Arbitrary<BoostCase> Cases =
        (from earnings in Earning.ArrayOf()
         from holdings in (from w in Gen.Elements("w1", "w2", "w3")
                           from e in Gen.Choose(0, 2)
                           from n in Gen.Choose(0, 6)
                           from s in Gen.Choose(0, 5000)
                           select new WalletHoldings(e, w, n, s)).ArrayOf()
         from nft in Tiers
         from stake in Tiers.Select(t => t.Select(x => JobTier.Of(x.Threshold * 1000, x.Multiplier)).ToArray())
         from perNft in Gen.Choose(1, 4)
         from seed in Gen.Choose(0, int.MaxValue)
         select new BoostCase(earnings, holdings.DistinctBy(h => (h.Epoch, h.Wallet)).ToArray(),
             new JobsOptions { NftTiers = nft.ToList(), StakeTiers = stake.ToList(), GpusPerNft = perNft }, seed)).ToArbitrary();

    private static IReadOnlyList<JobBoostEntry> Boosts(BoostCase c, IEnumerable<JobEarning>? earnings = null) =>
        new JobBoosts(c.Options).Compute(earnings ?? c.Earnings, new WalletSnapshot(c.Holdings));

    [Fact]
    public void BoostingNeverLowersAWalletsTotal()
    {
        Check.One(Config, Prop.ForAll(Cases, c => Boosts(c).All(b => !b.Amount.IsNegative)));
    }

    [Fact]
    public void TheNftBoostCoversAtMostGpusPerNftTimesNftsAndTheHighestEarners()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var snapshot = new WalletSnapshot(c.Holdings);
            foreach (var group in Boosts(c).Where(b => b.Kind == JobBoostKind.Nft).GroupBy(b => (b.Epoch, b.Wallet)))
            {
                var boosted = group.Select(b => b.MinerId).ToHashSet();
                long nfts = snapshot.Get(group.Key.Epoch, group.Key.Wallet).Nfts;
                if (boosted.Count > c.Options.GpusPerNft * nfts)
                {
                    return false.Label($"{group.Key}: {boosted.Count} GPUs boosted with {nfts} NFTs");
                }
                // Every boosted GPU out-earns (or ties and precedes) every GPU of the wallet left out.
                var earned = c.Earnings.Where(e => e.Epoch == group.Key.Epoch && e.Wallet == group.Key.Wallet)
                    .GroupBy(e => e.MinerId).ToDictionary(g => g.Key, g => Points.Sum(g.Select(e => e.Base)));
                foreach (var inside in boosted)
                {
                    foreach (var outside in earned.Keys.Where(m => !boosted.Contains(m) && earned[m] > Points.Zero))
                    {
                        if (earned[inside] < earned[outside] || (earned[inside] == earned[outside] && string.CompareOrdinal(inside, outside) > 0))
                        {
                            return false.Label($"{group.Key}: {inside} ({earned[inside]}) boosted before {outside} ({earned[outside]})");
                        }
                    }
                }
            }
            return true.Label("ok");
        }));
    }

    [Fact]
    public void BoostsDoNotDependOnTheOrderOfTheJobs()
    {
        Check.One(Config, Prop.ForAll(Cases, c =>
        {
            var shuffled = c.Earnings.ToArray();
            new Random(c.Seed).Shuffle(shuffled);
            return Boosts(c).SequenceEqual(Boosts(c, shuffled));
        }));
    }

    [Fact]
    public void EachBoostIsTheDocumentedRoundingOfBaseTimesMultiplierMinusOne()
    {
        Check.One(Config, Prop.ForAll(Cases, c => Boosts(c).All(b =>
        {
            double before = b.Kind == JobBoostKind.Stake && b.Reason.Contains(" after NFT x", StringComparison.Ordinal)
                ? double.Parse(b.Reason[(b.Reason.LastIndexOf('x') + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                : 1;
            return b.Amount == Points.FromDouble(b.Base.ToDouble() * before * (b.Multiplier - 1));
        })));
    }
}
