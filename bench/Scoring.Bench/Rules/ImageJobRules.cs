using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Bench.Rules;

/// <summary>The image-job rule set of docs/rule-language.md (10 rules), a 20-rule variant, and random report batches.</summary>
public static class ImageJobRules
{
    private static readonly string[] Categories = ["sd15", "sdxl", "sdxl_lora", "flux"];

    /// <summary>The 10-rule image-job rule set; <paramref name="extraRules"/> appends that many more (bonus chains).</summary>
    public static RuleSet Build(int extraRules = 0)
    {
        var b = new RuleSetBuilder("image-jobs")
            .Version("1.2.0")
            .EffectiveFrom(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
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
            .Rule("cap", r => r.Set("points", "min(points, maxPoints)"));
        for (var i = 0; i < extraRules; i++)
        {
            b.Rule($"bonus{i}", r => r.When($"latency < {i + 1}.5 && steps > {i}").Set("points", $"points + clamp(points * 0.01, 0, {i + 1}.0)"));
        }
        return b.Rule("round", r => r.Set("points", "floor(points * 1000) / 1000")).Output("points").Build();
    }

    /// <summary>A batch of <paramref name="count"/> random but realistic reports (seeded).</summary>
    public static ReportBatch Batch(CompiledRuleSet compiled, int count, int seed = 42)
    {
        var random = new Random(seed);
        var batch = compiled.CreateBatch(count);
        for (var i = 0; i < count; i++)
        {
            var row = batch.AddRow();
            batch.SetInt(0, row, random.Next(4, 17) * 64);
            batch.SetInt(1, row, random.Next(4, 17) * 64);
            batch.SetInt(2, row, random.Next(10, 60));
            batch.SetString(3, row, Categories[random.Next(Categories.Length)]);
            batch.SetDouble(4, row, random.Next(4, 81));
            batch.SetDouble(5, row, random.NextDouble() * 25);
            batch.SetInt(6, row, random.Next(0, 5));
            batch.SetDouble(7, row, random.NextDouble() * 20000);
        }
        return batch;
    }
}
