using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.Tests.Oracles;
using static Scoring.Rules.Tests.Jobs.JobReports;

namespace Scoring.Rules.Tests.Jobs;

/// <summary>
/// The <c>jobs-boosts</c> rule set, run by the jobs scheme end to end, pays exactly the boosts of the old C# computation
/// (<see cref="JobBoosts"/>) on random epochs, wallets, holdings and tier tables: ranks, ties, NFT coverage, stake tiers,
/// boosts that round to zero left out.
/// </summary>
public sealed class JobBoostsProperties
{
    private static readonly string[] Wallets = ["w1", "w2", "w3"];

    public sealed record BoostCase(Report[] Jobs, WalletHoldings[] Holdings, OracleJobsOptions Options, int BatchSize, int Seed);

    private static readonly Gen<Report> Job =
        from image in ArbMap.Default.GeneratorFor<bool>()
        from wallet in Gen.Elements(Wallets)
        from miner in Gen.Choose(0, 12)
        from epoch in Gen.Choose(0, 2)
        from second in Gen.Choose(0, (int)Day - 1)
        // A few sizes recur, so GPUs often tie on their epoch's total and the miner id decides the rank.
        from size in Gen.Frequency((3, Gen.Elements(100, 200, 400)), (1, Gen.Choose(1, 20)), (4, Gen.Choose(1, 4000)))
        from kind in Gen.Choose(0, 4)
        from id in Gen.Choose(0, int.MaxValue)
        select image
            ? (Report)Image($"j{id}", $"m{miner}", wallet, new[] { "sd15", "sd15-lora", "sdxl", "sdxl-lora", "flux" }[kind], size, 1000, 20, epoch * Day + second)
            : Llm($"j{id}", $"m{miner}", wallet, new[] { "dolphin-2.9-llama3-8b", "hermes-3-llama3.1-8b", "theia-llama-3.1-8b", "openhermes-mixtral-8x7b-gptq", "hermes-3-llama3.1-8b" }[kind],
                size * 10, size, epoch * Day + second);

    private static readonly Gen<JobTier[]> Tiers =
        from count in Gen.Choose(1, 4)
        from steps in Gen.Choose(1, 3).ArrayOf(count)
        from multipliers in Gen.Choose(100, 300).ArrayOf(count)
        select steps.Select((s, i) => JobTier.Of(i == 0 ? 0 : steps.Take(i + 1).Sum() - steps[0], multipliers.Take(i + 1).Max() / 100.0)).ToArray();

    private static readonly Arbitrary<BoostCase> Cases =
        (from jobs in Job.ArrayOf().Where(j => j.Length <= 60)
         from holdings in (from w in Gen.Elements(Wallets)
                           from e in Gen.Choose(0, 2)
                           from n in Gen.Choose(0, 6)
                           from s in Gen.Choose(0, 5000)
                           select new WalletHoldings(e, w, n, s)).ArrayOf()
         from nft in Tiers
         from stake in Tiers.Select(t => t.Select(x => JobTier.Of(x.Threshold * 1000, x.Multiplier)).ToArray())
         from perNft in Gen.Choose(1, 4)
         from batchSize in Gen.Choose(1, 25)
         from seed in Gen.Choose(0, int.MaxValue)
         select new BoostCase(jobs.DistinctBy(j => j.Id).ToArray(), holdings.DistinctBy(h => (h.Epoch, h.Wallet)).ToArray(),
             new OracleJobsOptions { NftTiers = nft.ToList(), StakeTiers = stake.ToList(), GpusPerNft = perNft }, batchSize, seed)).ToArbitrary();

    /// <summary>The boosts the scheme recorded and the oracle's for the jobs the scheme accepted, as comparable rows.</summary>
    private static (List<(string, string, string, string, Points, string?)> Scheme, List<(string, string, string, string, Points, string?)> Oracle) Boosts(BoostCase c, IEnumerable<Report> jobs)
    {
        var snapshot = new WalletSnapshot(c.Holdings);
        var run = new SchemeRun(new JobsScheme(Options(), snapshot), [JobsRuleSets.Boosts(c.Options, "generated")]);
        run.RunAsync(jobs, c.BatchSize).GetAwaiter().GetResult();
        var epochs = new JobEpochs(Options());
        var entries = new[] { JobsScheme.LlamaCurrency, JobsScheme.WaifuCurrency }
            .SelectMany(currency => run.EntriesAsync(currency).GetAwaiter().GetResult()).ToList();
        var recorded = entries.Where(e => e.Kind == JobsScheme.BoostKind)
            .Select(e => (e.ReportId, e.Scheme, e.Account, e.Peer, e.Amount, e.Reason)).Order().ToList();
        var earnings = entries.Where(e => e.Kind == JobsScheme.JobKind).Select(e => new JobEarning(
            e.Scheme == JobsScheme.LlamaCurrency ? JobCurrency.Llama : JobCurrency.Waifu, e.Account, e.Peer, e.ReportId,
            epochs.EpochOf(e.ReportTime.ToUnixTimeMilliseconds() / 1000.0), e.Amount));
        var expected = new JobBoosts(c.Options).Compute(earnings, snapshot)
            .Select(b => (b.Key, b.Currency == JobCurrency.Llama ? JobsScheme.LlamaCurrency : JobsScheme.WaifuCurrency, b.Wallet, b.MinerId, b.Amount, (string?)b.Reason))
            .Order().ToList();
        return (recorded, expected);
    }

    [Fact]
    public void The_scheme_pays_the_oracles_boosts_on_random_epochs_and_tiers()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(120), Prop.ForAll(Cases, c =>
        {
            var (scheme, oracle) = Boosts(c, c.Jobs);
            return scheme.SequenceEqual(oracle).Label($"scheme {scheme.Count} boosts, oracle {oracle.Count}: first difference " +
                $"{scheme.Zip(oracle).FirstOrDefault(p => p.First != p.Second)}");
        }));
    }

    [Fact]
    public void Boosts_do_not_depend_on_the_order_or_batching_of_an_epochs_jobs()
    {
        // Jobs in time order (no job is late), then shuffled within each epoch: the same boosts.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(Cases, c =>
        {
            var ordered = c.Jobs.OrderBy(j => j.Time).ToArray();
            var random = new Random(c.Seed);
            var shuffled = ordered.GroupBy(j => (long)(j.Time!.Value.ToUnixTimeSeconds() - T0) / (long)Day)
                .SelectMany(g => g.OrderBy(_ => random.Next())).ToArray();
            var (first, _) = Boosts(c, ordered);
            var (second, oracle) = Boosts(c with { BatchSize = c.BatchSize % 7 + 1 }, shuffled);
            return first.SequenceEqual(second) && second.SequenceEqual(oracle);
        }));
    }
}
