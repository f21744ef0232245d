using Microsoft.Extensions.Options;
using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class JobBoostsTests
{
    private static JobEarning Job(string miner, string points, JobCurrency currency = JobCurrency.Waifu, string wallet = "w1", long epoch = 7) =>
        new(currency, wallet, miner, $"{miner}-{points}-{currency}", epoch, Points.Parse(points));

    [Fact]
    public void TwoNftsBoostTheSixHighestEarningGpusAndStakeBoostsEveryGpu()
    {
        var options = new JobsOptions { StakeTiers = { JobTier.Of(0, 1), JobTier.Of(1000, 1.1) } };
        JobEarning[] earnings =
        [
            Job("m1", "100"), Job("m2", "90"), Job("m3", "80"), Job("m4", "70"), Job("m5", "60"),
            Job("m6", "50"), Job("m7", "10"),
            Job("m8", "30", JobCurrency.Llama), Job("m8", "20"), // m8 earns 50 in both currencies: ties m6, which wins by miner id
        ];
        var snapshot = new WalletSnapshot([new WalletHoldings(7, "w1", Nfts: 2, Stake: 1500)]);

        var boosts = new JobBoosts(options).Compute(earnings, snapshot);

        var nft = boosts.Where(b => b.Kind == JobBoostKind.Nft).ToList();
        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], nft.Select(b => b.MinerId));
        Assert.Equal(Points.FromWhole(20), nft[0].Amount); // 100 × (1.2 − 1)
        Assert.Equal("NFT x1.2 (2 NFTs) on miner m1", nft[0].Reason);
        Assert.Equal("boost:nft:waifu:7:w1:m1", nft[0].Key);

        var stake = boosts.Where(b => b.Kind == JobBoostKind.Stake).ToDictionary(b => (b.MinerId, b.Currency));
        Assert.Equal(9, stake.Count);
        Assert.Equal(Points.FromWhole(12), stake[("m1", JobCurrency.Waifu)].Amount); // 100 × 1.2 × (1.1 − 1)
        Assert.Equal("stake x1.1 (1500 staked) on miner m1 after NFT x1.2", stake[("m1", JobCurrency.Waifu)].Reason);
        Assert.Equal(Points.FromWhole(1), stake[("m7", JobCurrency.Waifu)].Amount); // 10 × (1.1 − 1): not NFT-boosted
        Assert.Equal(Points.FromWhole(3), stake[("m8", JobCurrency.Llama)].Amount);
        Assert.Equal(Points.FromWhole(2), stake[("m8", JobCurrency.Waifu)].Amount);

        // Total: base 510, NFT 0.2 × 450 = 90, stake 0.1 × (1.2 × 450 + 60) = 60 (docs/schemes.md).
        Assert.Equal(Points.FromWhole(90), Points.Sum(nft.Select(b => b.Amount)));
        Assert.Equal(Points.FromWhole(60), Points.Sum(stake.Values.Select(b => b.Amount)));
        Assert.Equal(Points.FromWhole(150), Points.Sum(boosts.Select(b => b.Amount)));
    }

    [Fact]
    public void NoHoldingsMeansNoBoostAndTheDefaultsBoostNothingForStake()
    {
        var boosts = new JobBoosts(new JobsOptions()).Compute([Job("m1", "100"), Job("m2", "5", wallet: "w2")],
            new WalletSnapshot([new WalletHoldings(7, "w2", Nfts: 1, Stake: 1e9)]));
        var only = Assert.Single(boosts);
        Assert.Equal(("w2", "m2", JobBoostKind.Nft), (only.Wallet, only.MinerId, only.Kind));
        Assert.Equal(Points.FromDouble(0.5), only.Amount); // 5 × (1.1 − 1), rounded half-even to micro-points
    }

    [Fact]
    public void BoostsAreComputedPerEpoch()
    {
        var snapshot = new WalletSnapshot([new WalletHoldings(1, "w1", 5, 0)]);
        var boosts = new JobBoosts(new JobsOptions()).Compute([Job("m1", "10", epoch: 1), Job("m1", "10", epoch: 2)], snapshot);
        var only = Assert.Single(boosts);
        Assert.Equal((1L, Points.FromWhole(5)), (only.Epoch, only.Amount)); // 5 NFTs: ×1.5
    }

    [Fact]
    public void BadEarningsAreRefusedWithTheJob()
    {
        var boosts = new JobBoosts(new JobsOptions());
        var negative = Assert.Throws<ArgumentException>(() => boosts.Compute([Job("m1", "-1")], WalletSnapshot.Empty));
        Assert.StartsWith("Job 'm1--1-Waifu': base points -1 are negative", negative.Message);
        var noWallet = Assert.Throws<ArgumentException>(() => boosts.Compute([Job("m1", "1", wallet: "")], WalletSnapshot.Empty));
        Assert.StartsWith("Job 'm1-1-Waifu': wallet and miner id are required.", noWallet.Message);
        var currency = Assert.Throws<ArgumentException>(() => boosts.Compute([Job("m1", "1", currency: (JobCurrency)9)], WalletSnapshot.Empty));
        Assert.Contains("currency 9 is not Llama or Waifu", currency.Message);
    }

    [Fact]
    public void OptionsAreValidatedWithTheKeyAtFault()
    {
        var options = new JobsOptions
        {
            ImageRate = -1,
            ImageDeadline = TimeSpan.Zero,
            GpusPerNft = 0,
            EpochLength = TimeSpan.Zero,
            NftTiers = { JobTier.Of(1, 1.1), JobTier.Of(1, 0.9), JobTier.Of(2.5, 2) },
            StakeTiers = { JobTier.Of(0, double.NaN) },
        };
        options.ImageCategories["sdxl"].Multiplier = -0.5;
        options.LlmModels["bad"] = JobModelOptions.Of(1, -24);
        var result = new JobsOptionsValidator().Validate(null, options);
        Assert.Equal(
        [
            "Jobs:ImageRate must be between 0 and 1 point per pixel-step (got -1).",
            "Jobs:ImageDeadline must be positive (got 00:00:00).",
            "Jobs:ImageCategories:sdxl:Multiplier must be between 0 and 1000 (got -0.5).",
            "Jobs:LlmModels:bad:MinVramGb must be between 0 and 100000 (got -24).",
            "Jobs:NftTiers:0:Threshold must be 0 so that every holder has a tier (got 1).",
            "Jobs:NftTiers:1:Threshold must be above Jobs:NftTiers:0:Threshold (1 <= 1).",
            "Jobs:NftTiers:1:Multiplier must be between 1 and 1000: a boost never lowers points (got 0.9).",
            "Jobs:NftTiers:2:Threshold must be a finite whole number of at least 0 (got 2.5).",
            "Jobs:StakeTiers:0:Multiplier must be between 1 and 1000: a boost never lowers points (got NaN).",
            "Jobs:GpusPerNft must be at least 1 (got 0).",
            "Jobs:EpochLength must be at least 1 second (got 00:00:00).",
        ], result.Failures);
        Assert.Throws<OptionsValidationException>(() => new JobBoosts(options));
        Assert.True(new JobsOptionsValidator().Validate(null, new JobsOptions()).Succeeded);
    }
}
