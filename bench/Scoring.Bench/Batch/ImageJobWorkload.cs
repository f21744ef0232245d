using Scoring.Evaluation;

namespace Scoring.Bench.Batch;

/// <summary>
/// The realistic image-job rule set (10 rules: pixels × steps × rate × category multiplier, zero below the category's
/// minimum VRAM, past the deadline or for a disabled category, NFT and stake boosts from tier tables, a cap, rounding
/// to 1/1000 point) and a batch of reports drawn like a live network's (mostly SDXL, 512–1024 px, 20–50 steps,
/// a few slow or under-provisioned workers).
/// </summary>
internal static class ImageJobWorkload
{
    /// <summary>The 10-rule image-job rule set, shared with the rule-layer benchmarks.</summary>
    public static CompiledRuleSet Compile() => RuleSetCompiler.CompileOrThrow(Rules.ImageJobRules.Build());

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
