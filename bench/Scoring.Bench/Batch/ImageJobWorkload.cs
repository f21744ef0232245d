using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Bench.Batch;

/// <summary>
/// The realistic image-job rule set (10 rules: pixels × steps × rate × category multiplier, zero below the category's
/// minimum VRAM, past the deadline or for a disabled category, NFT and stake boosts from tier tables, a cap, rounding
/// to 1/1000 point) and a batch of reports drawn like a live network's (mostly SDXL, 512–1024 px, 20–50 steps,
/// a few slow or under-provisioned workers).
/// </summary>
internal static class ImageJobWorkload
{
    public static CompiledRuleSet Compile() => RuleSetCompiler.CompileOrThrow(
        new RuleSetBuilder("image-jobs")
            .Version("bench")
            .Input("width", ScalarType.Int)
            .Input("height", ScalarType.Int)
            .Input("steps", ScalarType.Int)
            .Input("category", ScalarType.String)
            .Input("vramGb", ScalarType.Double)
            .Input("latency", ScalarType.Double)
            .Input("nftCount", ScalarType.Int)
            .Input("stake", ScalarType.Double)
            .Parameter("rate", 1e-6)
            .Parameter("deadline", 18.0)
            .Parameter("maxPoints", 1000.0)
            .Table("categoryMultiplier", ScalarType.String, t => t.Entry("sd15", 0.3).Entry("sdxl", 1.0).Entry("sdxl_lora", 1.2).Entry("flux", 0.0))
            .Table("minVram", ScalarType.String, t => t.Entry("sd15", 8.0).Entry("sdxl", 12.0).Entry("sdxl_lora", 12.0).Entry("flux", 24.0))
            .Tier("nftTiers", t => t.Step(1, 1.1).Step(2, 1.2).Step(3, 1.3).Default(1.0))
            .Tier("stakeTiers", t => t.Step(1000, 1.05).Step(10000, 1.1).Default(1.0))
            .Rule("pixels", r => r.Set("pixels", "width * height"))
            .Rule("base", r => r.Set("points", "pixels * steps * rate * categoryMultiplier[category]"))
            .Rule("vram", r => r.When("vramGb < minVram[category]").Set("points", "0.0"))
            .Rule("deadline", r => r.When("latency > deadline").Set("points", "0.0"))
            .Rule("disabled", r => r.When("category in [\"flux\"]").Set("points", "0.0"))
            .Rule("nft", r => r.Set("nftBoost", "tier(nftTiers, nftCount)"))
            .Rule("stake", r => r.Set("stakeBoost", "tier(stakeTiers, stake)"))
            .Rule("boost", r => r.When("points > 0").Set("points", "points * nftBoost * stakeBoost"))
            .Rule("cap", r => r.Set("points", "min(points, maxPoints)"))
            .Rule("round", r => r.Set("points", "floor(points * 1000) / 1000"))
            .Output("points")
            .Build());

    public static ReportBatch Reports(CompiledRuleSet ruleSet, int count, int seed = 42)
    {
        var random = new Random(seed);
        var batch = ruleSet.CreateBatch(count);
        batch.SetCount(count);
        string[] categories = ["sdxl", "sdxl", "sdxl", "sdxl_lora", "sd15", "flux"];
        var ids = categories.Select(batch.EncodeString).ToArray();
        long[] sizes = [512, 768, 1024];
        long[] width = batch.IntColumn(0), height = batch.IntColumn(1), steps = batch.IntColumn(2), nfts = batch.IntColumn(6);
        int[] category = batch.SymbolColumn(3);
        double[] vram = batch.DoubleColumn(4), latency = batch.DoubleColumn(5), stake = batch.DoubleColumn(7);
        for (var i = 0; i < count; i++)
        {
            width[i] = sizes[random.Next(sizes.Length)];
            height[i] = sizes[random.Next(sizes.Length)];
            steps[i] = random.Next(20, 51);
            category[i] = ids[random.Next(ids.Length)];
            vram[i] = random.Next(20) == 0 ? 8 : 24 + 8 * random.Next(4);
            latency[i] = random.Next(50) == 0 ? 25 + random.NextDouble() : 2 + 10 * random.NextDouble();
            nfts[i] = random.Next(5);
            stake[i] = random.Next(4) == 0 ? 0 : random.Next(0, 20_000);
        }
        return batch;
    }
}
