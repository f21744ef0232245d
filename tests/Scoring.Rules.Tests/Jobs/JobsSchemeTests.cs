using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.Tests.Oracles;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;
using Scoring.Sdk.Tests.Ingestion;
using static Scoring.Rules.Tests.Jobs.JobReports;

namespace Scoring.Rules.Tests.Jobs;

/// <summary>The jobs scheme end to end: jobs through <see cref="ReportIngestion"/> into the two currencies, epochs and boosts.</summary>
public sealed class JobsSchemeTests
{
    private const string Waifu = JobsScheme.WaifuCurrency;
    private const string Llama = JobsScheme.LlamaCurrency;

    private static SchemeRun Run(JobsOptions? options = null, WalletSnapshot? holdings = null, params RuleSet[] overrides) =>
        new(new JobsScheme(options ?? Options(), holdings), overrides);

    private static async Task<LedgerEntry> JobEntryAsync(SchemeRun run, string currency, string jobId) =>
        (await run.EntriesAsync(currency)).Single(e => e.ReportId == jobId);

    private static async Task<List<LedgerEntry>> BoostsAsync(SchemeRun run, string currency) =>
        (await run.EntriesAsync(currency)).Where(e => e.Kind == JobsScheme.BoostKind).ToList();

    [Fact]
    public async Task The_readme_example_gives_the_documented_leaderboards()
    {
        var holdings = RepositoryFiles.Find("samples/data/examples/holdings.jsonl");
        var run = new SchemeRun(new JobsScheme(new JobsOptions { HoldingsPath = holdings }));
        await run.RunAsync(RepositoryFiles.Lines("samples/data/examples/jobs.jsonl"));

        Assert.Equal(Points.Parse("34.603008"), await run.TotalAsync("0xalice", Waifu));
        Assert.Equal(Points.Zero, await run.TotalAsync("0xbob", Waifu));
        Assert.Equal(Points.Parse("2.2"), await run.TotalAsync("0xalice", Llama));
        Assert.Equal(Points.Parse("0.75"), await run.TotalAsync("0xbob", Llama));
        var boosts = (await BoostsAsync(run, Waifu)).Concat(await BoostsAsync(run, Llama)).Select(e => (e.ReportId, e.Amount, e.Reason)).Order().ToList();
        Assert.Equal(
        [
            ("boost:nft:llama:20454:0xalice:gpu-a", Points.Parse("0.2"), "NFT x1.1 (1 NFT) on miner gpu-a"),
            ("boost:nft:waifu:20454:0xalice:gpu-a", Points.Parse("3.145728"), "NFT x1.1 (1 NFT) on miner gpu-a"),
        ], boosts);
    }

    [Theory]
    [InlineData("sdxl-lora", 1024, 1024, 30, 24, 5, "37.748736", null)] // 31,457,280 pixel-steps × 10⁻⁶ × 1.2
    [InlineData("sdxl", 1024, 1024, 30, 24, 18, "31.45728", null)] // exactly the deadline still earns
    [InlineData("sd15", 512, 512, 20, 8, 5, "1.572864", null)]
    [InlineData("sdxl", 1024, 1024, 30, 12, 5, "0", "0 points: vram (gpuVramGb < minVramGb[category])")]
    [InlineData("sdxl", 1024, 1024, 30, 24, 18.5, "0", "0 points: deadline (latencySeconds > deadlineSeconds)")]
    [InlineData("flux", 1024, 1024, 28, 80, 5, "0", "0 points: the multiplier is 0")]
    public async Task Image_jobs_earn_the_documented_waifu_points_and_a_zero_says_why(
        string category, int width, int height, int steps, double vram, double latency, string points, string? reason)
    {
        var run = Run();
        var summary = await run.RunAsync([Image("j1", "m1", "w1", category, width, height, steps, 100, vram, latency)]);
        Assert.Equal(new IngestionSummary(1, 1, 0, 0, 0, 0, 1), summary);
        var entry = await JobEntryAsync(run, Waifu, "j1");
        Assert.Equal((Points.Parse(points), reason, JobsScheme.JobKind, "w1", "m1"), (entry.Amount, entry.Reason, entry.Kind, entry.Account, entry.Peer));
        Assert.Equal("3ca1dc65cd093a79de3d899cbde54c6da17f19a2c471206501ad36e8593bf146", entry.RuleSetHash);
    }

    [Theory]
    [InlineData("hermes-3-llama3.1-8b", 1000, 500, 48, 30, "0.75", null)]
    [InlineData("openhermes-mixtral-8x7b-gptq", 1200, 800, 48, 30, "2", null)]
    [InlineData("theia-llama-3.1-8b", 333, 334, 24, 180, "0.3335", null)]
    [InlineData("openhermes-mixtral-8x7b-gptq", 10, 10, 24, 1, "0", "0 points: vram (gpuVramGb < minVramGb[model])")]
    [InlineData("hermes-3-llama3.1-8b", 10, 10, 24, 180.001, "0", "0 points: deadline (latencySeconds > deadlineSeconds)")]
    public async Task Llm_jobs_earn_the_documented_llama_points_and_a_zero_says_why(string model, int input, int output, double vram, double latency, string points, string? reason)
    {
        var run = Run();
        await run.RunAsync([Llm("j1", "m1", "w1", model, input, output, 100, vram, latency)]);
        var entry = await JobEntryAsync(run, Llama, "j1");
        Assert.Equal((Points.Parse(points), reason), (entry.Amount, entry.Reason));
        Assert.Equal("2d6c7c8b3fe60ce3a7de1666848b161230ad3d4b32984ad7ba7d1918e3574c59", entry.RuleSetHash);
    }

    [Fact]
    public async Task Zero_jobs_of_one_batch_each_get_their_own_reason_as_alone()
    {
        // Zero and paying jobs interleaved in one batch, image and llm: the zeros are explained from one batch per rule
        // set, and each must read as it does for the job alone (the theories above).
        Report[] jobs =
        [
            Image("a", "m1", "w1", "sdxl", 1024, 1024, 30, 100, 12, 5),
            Image("b", "m1", "w1", "sdxl-lora", 1024, 1024, 30, 101, 24, 5),
            Llm("c", "m2", "w2", "hermes-3-llama3.1-8b", 10, 10, 102, 24, 180.001),
            Image("d", "m1", "w1", "flux", 1024, 1024, 28, 103, 80, 5),
            Image("e", "m1", "w1", "sdxl", 1024, 1024, 30, 104, 12, 18.5),
            Llm("f", "m2", "w2", "openhermes-mixtral-8x7b-gptq", 10, 10, 105, 24, 1),
            Image("g", "m1", "w1", "sdxl", 1024, 1024, 30, 106, 24, 18.5),
        ];
        var run = Run();
        Assert.Equal(jobs.Length, (await run.RunAsync(jobs)).Scored);

        foreach (var job in jobs)
        {
            string currency = job is LlmJobReport ? Llama : Waifu;
            var alone = Run();
            await alone.RunAsync([job]);
            var expected = (await JobEntryAsync(alone, currency, job.Id)).Reason;
            Assert.Equal((job.Id, expected), (job.Id, (await JobEntryAsync(run, currency, job.Id)).Reason));
            Assert.Equal(job.Id == "b", expected is null);
        }
        Assert.Equal("0 points: vram (gpuVramGb < minVramGb[category]), deadline (latencySeconds > deadlineSeconds)", (await JobEntryAsync(run, Waifu, "e")).Reason);
    }

    [Fact]
    public async Task An_unknown_category_or_model_is_rejected_with_the_field_and_not_recorded()
    {
        var run = Run();
        var summary = await run.RunAsync([Image("j1", "m1", "w1", "midjourney", 512, 512, 20, 1), Llm("j2", "m1", "w1", "gpt-4", 1, 1, 2), Image("j3", "m1", "w1", "SDXL", 512, 512, 20, 3)]);
        Assert.Equal(new IngestionSummary(3, 0, 0, 0, 0, 3, 0), summary);
        Assert.Equal(
        [
            ("$.category", "unknown image category 'midjourney' (rule set jobs-image@1 has no entry for it)"),
            ("$.model", "unknown LLM model 'gpt-4' (rule set jobs-llm@1 has no entry for it)"),
            ("$.category", "unknown image category 'SDXL' (rule set jobs-image@1 has no entry for it)"),
        ], run.Rejects.Rejections.Select(r => (r.Field, r.Reason)));
        Assert.False(await run.Ledger.ContainsReportAsync(Waifu, "m1", "j1"));
    }

    [Fact]
    public async Task An_image_and_an_llm_job_with_one_id_are_two_reports_one_per_currency()
    {
        var run = Run();
        var summary = await run.RunAsync([Image("j1", "m1", "w1", "sdxl", 1000, 1000, 10, 1), Llm("j1", "m1", "w1", "openhermes-mixtral-8x7b-gptq", 1000, 0, 2)]);
        Assert.Equal(2, summary.Scored);
        Assert.Equal((Points.FromWhole(10), Points.FromWhole(1)), (await run.TotalAsync("w1", Waifu), await run.TotalAsync("w1", Llama)));
    }

    [Fact]
    public async Task The_documented_boost_example_pays_90_nft_and_60_stake()
    {
        // Epoch 7, wallet w1: 2 NFTs (×1.2 on 6 GPUs) and 1500 staked with stake tiers [0 → 1, 1000 → 1.1].
        var stakeTiers = new OracleJobsOptions { StakeTiers = { JobTier.Of(0, 1), JobTier.Of(1000, 1.1) } };
        var holdings = new WalletSnapshot([new WalletHoldings(7, "w1", Nfts: 2, Stake: 1500)]);
        var run = Run(holdings: holdings, overrides: JobsRuleSets.Boosts(stakeTiers, "docs"));
        double t = 7 * Day + 100;
        int[] waifu = [100, 90, 80, 70, 60, 50, 10]; // m1 … m7: 1000 × (base × 10) px × 100 steps × 10⁻⁶
        var jobs = waifu.Select((b, i) => (Report)Image($"i{i + 1}", $"m{i + 1}", "w1", "sdxl", 1000, b * 10, 100, t)).ToList();
        jobs.Add(Image("i8", "m8", "w1", "sdxl", 1000, 200, 100, t)); // m8: 20 Waifu …
        jobs.Add(Llm("l8", "m8", "w1", "openhermes-mixtral-8x7b-gptq", 30_000, 0, t)); // … and 30 Llama: 50 in all, tying m6
        await run.RunAsync(jobs);

        var boosts = (await BoostsAsync(run, Waifu)).Concat(await BoostsAsync(run, Llama)).ToList();
        var nft = boosts.Where(b => b.ReportId.StartsWith("boost:nft:", StringComparison.Ordinal)).ToList();
        var stake = boosts.Where(b => b.ReportId.StartsWith("boost:stake:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], nft.Select(b => b.Peer).Order());
        Assert.Equal(Points.FromWhole(90), Points.Sum(nft.Select(b => b.Amount)));
        Assert.Equal(9, stake.Count);
        Assert.Equal(Points.FromWhole(60), Points.Sum(stake.Select(b => b.Amount)));
        var m1 = boosts.Where(b => b.Peer == "m1").OrderBy(b => b.ReportId, StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            ("boost:nft:waifu:7:w1:m1", Points.FromWhole(20), "NFT x1.2 (2 NFTs) on miner m1"),
            ("boost:stake:waifu:7:w1:m1", Points.FromWhole(12), "stake x1.1 (1500 staked) on miner m1 after NFT x1.2"),
        ], m1.Select(b => (b.ReportId, b.Amount, b.Reason)));
        Assert.Equal("stake x1.1 (1500 staked) on miner m7", stake.Single(b => b.Peer == "m7").Reason);
        Assert.Equal(Points.FromWhole(3), stake.Single(b => b.Peer == "m8" && b.Scheme == Llama).Amount);
        Assert.All(boosts, b => Assert.Equal((JobsScheme.BoostKind, "w1", UnixTime.FromSeconds(T0 + 7 * Day)), (b.Kind, b.Account, b.ReportTime)));
        Assert.Equal(Points.FromWhole(510 + 150), await run.TotalAsync("w1", Waifu) + await run.TotalAsync("w1", Llama));
    }

    [Fact]
    public async Task Without_holdings_nothing_is_boosted_and_boosts_that_round_to_zero_are_not_recorded()
    {
        var holdings = new WalletSnapshot([new WalletHoldings(0, "w2", Nfts: 1, Stake: 0)]);
        // w2's GPU earns 0.000004 points: its 10 % NFT boost rounds to 0.
        var run = Run(holdings: holdings);
        await run.RunAsync([Image("a", "m1", "w1", "sdxl", 1000, 1000, 100, 10), Image("b", "m2", "w2", "sdxl", 2, 2, 1, 10)]);
        Assert.Empty(await BoostsAsync(run, Waifu));
        Assert.Equal(Points.FromUnits(4), await run.TotalAsync("w2", Waifu));
    }

    [Fact]
    public async Task An_epoch_closes_once_a_job_at_its_end_plus_the_grace_arrives_and_its_jobs_are_late_afterwards()
    {
        var holdings = new WalletSnapshot([new WalletHoldings(0, "w", Nfts: 1, Stake: 0), new WalletHoldings(1, "w", Nfts: 1, Stake: 0)]);
        var run = Run(holdings: holdings);
        var summary = await run.RunAsync(
        [
            Image("a", "g1", "w", "sdxl", 1000, 1000, 100, 100),            // epoch 0: 100 Waifu
            Image("b", "g1", "w", "sdxl", 1000, 1000, 10, Day + 899),        // epoch 1, 1 s before epoch 0's end + 15 min
            Image("c", "g1", "w", "sdxl", 1000, 1000, 100, Day - 1),         // epoch 0 is still open: in time
            Image("d", "g1", "w", "sdxl", 1000, 1000, 10, Day + 900),        // closes epoch 0
            Image("e", "g1", "w", "sdxl", 1000, 1000, 100, 50),              // epoch 0 again: late
        ], settle: false);

        Assert.Equal(new IngestionSummary(5, 4, 0, 0, 1, 0, 5), summary); // 4 jobs and epoch 0's NFT boost
        var late = Assert.Single(run.Rejects.Rejections);
        Assert.Equal((5L, RejectionKind.Late, "$.timestamp"), (late.Line, late.Kind, late.Field));
        Assert.Equal("late job: its epoch 0 is closed (at 2026-01-02T00:15:00.0000000+00:00, the epoch's end plus the grace of 00:15:00, or earlier when an input was settled), and its boosts are recorded", late.Reason);
        var boost = Assert.Single(await BoostsAsync(run, Waifu));
        Assert.Equal(("boost:nft:waifu:0:w:g1", Points.FromWhole(20)), (boost.ReportId, boost.Amount)); // 10 % of 100 + 100
        Assert.Equal(["earnings/000000000001/w", "watermark"], await run.Ledger.ReadStateAsync(JobsScheme.SchemeName).Select(s => s.Key).ToListAsync());

        // Settling closes the open epoch 1; its jobs are late from then on.
        var settled = await run.RunAsync(Array.Empty<string>());
        Assert.Equal(1, settled.Entries);
        Assert.Equal(Points.FromWhole(2), (await BoostsAsync(run, Waifu)).Single(b => b.ReportId == "boost:nft:waifu:1:w:g1").Amount);
        Assert.Equal(["watermark"], await run.Ledger.ReadStateAsync(JobsScheme.SchemeName).Select(s => s.Key).ToListAsync());
        var after = await run.RunAsync([Image("f", "g1", "w", "sdxl", 1000, 1000, 10, Day + 1000)]);
        Assert.Equal(1, after.Late);
        Assert.Equal(Points.FromWhole(100 + 10 + 100 + 10 + 20 + 2), await run.TotalAsync("w", Waifu));
    }

    [Fact]
    public async Task A_zero_grace_closes_an_epoch_with_the_first_job_of_the_next()
    {
        var run = Run(Options(TimeSpan.Zero), new WalletSnapshot([new WalletHoldings(0, "w", 5, 0)]));
        await run.RunAsync([Image("a", "g1", "w", "sdxl", 1000, 1000, 10, 10), Image("b", "g1", "w", "sdxl", 1000, 1000, 10, Day), Image("c", "g1", "w", "sdxl", 1000, 1000, 10, Day - 0.5)], settle: false);
        Assert.Equal(Points.FromWhole(5), (await BoostsAsync(run, Waifu)).Single().Amount); // ×1.5 on 10
        Assert.Equal(RejectionKind.Late, Assert.Single(run.Rejects.Rejections).Kind);
    }

    [Fact]
    public async Task A_version_that_gives_some_jobs_a_negative_amount_rejects_just_those_jobs()
    {
        var negative = ImageVersion("neg", "category == \"sd15\" ? -1.0 : width * height * steps * 0.000001");
        var run = Run(overrides: negative);
        var summary = await run.RunAsync([Image("a", "m1", "w1", "sdxl", 1000, 1000, 10, 1), Image("b", "m1", "w1", "sd15", 512, 512, 20, 2), Image("c", "m2", "w2", "sdxl", 1000, 1000, 20, 3)]);

        Assert.Equal(new IngestionSummary(3, 2, 0, 0, 0, 1, 2), summary); // no holdings: settling posts no boost
        var rejected = Assert.Single(run.Rejects.Rejections);
        Assert.Equal((2L, "$", "rule set jobs-image@neg gave -1 points; a job's points must not be negative, so the job is void"), (rejected.Line, rejected.Field, rejected.Reason));
        Assert.Equal((Points.FromWhole(10), Points.FromWhole(20)), (await run.TotalAsync("w1", Waifu), await run.TotalAsync("w2", Waifu)));
        Assert.False(await run.Ledger.ContainsReportAsync(Waifu, "m1", "b"));
    }

    [Fact]
    public async Task A_version_whose_output_is_not_a_number_for_some_jobs_rejects_just_those_jobs()
    {
        var nan = ImageVersion("nan", "category == \"flux\" ? (1e308 * 10.0) - (1e308 * 10.0) : width * height * steps * 0.000001");
        var run = Run(overrides: nan);
        var summary = await run.RunAsync([Image("a", "m1", "w1", "flux", 1000, 1000, 10, 1), Image("b", "m1", "w1", "sdxl", 1000, 1000, 10, 2)], batchSize: 1);
        Assert.Equal((1L, 1L), (summary.Scored, summary.Rejected));
        Assert.Equal($"rule set jobs-image@nan voided the job: {EvaluationError.NonFiniteOutput}", Assert.Single(run.Rejects.Rejections).Reason);
        Assert.Equal(Points.FromWhole(10), await run.TotalAsync("w1", Waifu));
    }

    [Fact]
    public async Task A_store_that_runs_each_transaction_again_gives_the_same_ledger_boosts_included()
    {
        var lines = RepositoryFiles.Lines("samples/data/jobs.jsonl").Take(1500).ToArray();
        var wallets = lines.Select(l => BuiltInReports.Decode(l).Report).OfType<ImageJobReport>().Select(j => j.Wallet).Distinct().Take(6).ToList();
        var epoch = new JobEpochs(new JobsOptions()).EpochOf(1_767_225_600);
        var holdings = new WalletSnapshot(wallets.Select((w, i) => new WalletHoldings(epoch, w, i, 0)));
        var plain = new SchemeRun(new JobsScheme(new JobsOptions(), holdings));
        var retrying = new SchemeRun(new JobsScheme(new JobsOptions(), holdings), ledger: new RetryingLedgerStore(new InMemoryLedgerStore()));
        var expected = await plain.RunAsync(lines, batchSize: 101);
        var actual = await retrying.RunAsync(lines, batchSize: 101);

        Assert.Equal(expected, actual);
        Assert.NotEmpty(await BoostsAsync(plain, Waifu));
        foreach (var currency in new[] { Waifu, Llama })
        {
            Assert.Equal(await plain.TotalsAsync(currency), await retrying.TotalsAsync(currency));
            Assert.Equal((await plain.EntriesAsync(currency)).Select(e => (e.ReportId, e.Amount, e.Reason)), (await retrying.EntriesAsync(currency)).Select(e => (e.ReportId, e.Amount, e.Reason)));
        }
    }

    [Fact]
    public void A_job_is_explained_with_the_version_in_force_at_its_time()
    {
        var scheme = new JobsScheme();
        var context = Run().Context;
        var explanation = Assert.Single(scheme.Explain(Image("a", "m1", "w1", "sdxl", 1024, 1024, 12, 1, vramGb: 12), context));
        Assert.Equal(JobsScheme.ImageRuleSetId, explanation.RuleSetId);
        Assert.Null(explanation.Note);
        Assert.Contains(explanation.Trace!.Rules, r => r.Name == "vram" && r.Outcome == RuleOutcome.Fired);
    }

    private static RuleSet ImageVersion(string version, string points) =>
        new RuleSetBuilder(JobsScheme.ImageRuleSetId)
            .Version(version)
            .EffectiveFrom(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Input("width", ScalarType.Int).Input("height", ScalarType.Int).Input("steps", ScalarType.Int).Input("category", ScalarType.String)
            .Rule("base", r => r.Set("points", points))
            .Output("points")
            .Build();
}
