using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.RuleSets;

/// <summary>The image-job rule set of the docs, as a JSON document and as fluent C#; both must be the same model.</summary>
public static class ImageJobRuleSet
{
    public const string Json = """
        {
          "id": "image-jobs",
          "version": "1.2.0",
          "description": "Image generation jobs: pixels x steps x rate x category multiplier, with boosts.",
          "effectiveFrom": "2026-01-01T00:00:00Z",
          "inputs": {
            "width": "int",
            "height": "int",
            "steps": "int",
            "category": "string",
            "vramGb": "double",
            "latency": "double",
            "nftCount": "int",
            "stake": "double"
          },
          "parameters": {
            "rate": 1e-6,
            "deadline": 18.0,
            "maxPoints": 1000.0
          },
          "tables": {
            "categoryMultiplier": {
              "keyType": "string",
              "entries": { "sd15": 0.3, "sdxl": 1.0, "sdxl_lora": 1.2, "flux": 0.0 }
            },
            "minVram": {
              "keyType": "string",
              "entries": { "sd15": 8.0, "sdxl": 12.0, "sdxl_lora": 12.0, "flux": 24.0 }
            }
          },
          "tiers": {
            "nftTiers": { "steps": [[1, 1.1], [2, 1.2], [3, 1.3]], "default": 1.0 },
            "stakeTiers": { "steps": [[1000, 1.05], [10000, 1.1]], "default": 1.0 }
          },
          "rules": [
            { "name": "pixels", "set": { "pixels": "width * height" } },
            { "name": "base", "set": { "points": "pixels * steps * rate * categoryMultiplier[category]" } },
            { "name": "vram", "when": "vramGb < minVram[category]", "set": { "points": "0.0" } },
            { "name": "deadline", "when": "latency > deadline", "set": { "points": "0.0" } },
            { "name": "disabled", "when": "category in [\"flux\"]", "set": { "points": "0.0" } },
            { "name": "nft", "set": { "nftBoost": "tier(nftTiers, nftCount)" } },
            { "name": "stake", "set": { "stakeBoost": "tier(stakeTiers, stake)" } },
            { "name": "boost", "when": "points > 0", "set": { "points": "points * nftBoost * stakeBoost" } },
            { "name": "cap", "set": { "points": "min(points, maxPoints)" } },
            { "name": "round", "set": { "points": "floor(points * 1000) / 1000" } }
          ],
          "output": "points"
        }
        """;

    public static RuleSet Fluent() =>
        new RuleSetBuilder("image-jobs")
            .Version("1.2.0")
            .Description("Image generation jobs: pixels x steps x rate x category multiplier, with boosts.")
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
            .Rule("cap", r => r.Set("points", "min(points, maxPoints)"))
            .Rule("round", r => r.Set("points", "floor(points * 1000) / 1000"))
            .Output("points")
            .Build();
}
