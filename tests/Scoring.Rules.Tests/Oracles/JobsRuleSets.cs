using Scoring.RuleSets;
namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The jobs scheme's per-job formulas as rule sets, built from <see cref="OracleJobsOptions"/>: the options hold the numbers
/// (rate, deadlines, multipliers, minimum VRAM), the rule sets hold the formula, and their content hash changes whenever a
/// number does. <c>scoring rules --scheme jobs</c> prints them as JSON documents to start a custom rule file from.
/// </summary>
/// <remarks>
/// The expressions keep the reference order of <see cref="ImageJobFormula"/> and <see cref="LlmJobFormula"/>
/// (left to right in double), so a rule set built from the same options gives bit-identical points. A category or model
/// missing from a table voids the job (<c>MissingTableKey</c>), which the scorer reports as an unknown category/model.
/// </remarks>
public static class JobsRuleSets
{
    /// <summary>The image-job rule set's id.</summary>
    public const string ImageId = "jobs-image";

    /// <summary>The LLM-job rule set's id.</summary>
    public const string LlmId = "jobs-llm";

    /// <summary>When the built-in rule sets take effect: before any report the decoder accepts.</summary>
    public static readonly DateTimeOffset BuiltInEffectiveFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Image jobs: <c>width × height × steps × rate × multiplier[category]</c>, 0 below the category's VRAM or over the deadline.</summary>
    public static RuleSet Image(OracleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleSetBuilder(ImageId)
            .Version(1)
            .Description("Waifu points for image jobs: pixels x steps x rate x category multiplier; 0 below the category's minimum VRAM or over the deadline.")
            .EffectiveFrom(BuiltInEffectiveFrom)
            .Input("width", ScalarType.Int).Input("height", ScalarType.Int).Input("steps", ScalarType.Int)
            .Input("category", ScalarType.String).Input("gpuVramGb", ScalarType.Double).Input("latencySeconds", ScalarType.Double)
            .Parameter("rate", options.ImageRate)
            .Parameter("deadlineSeconds", options.ImageDeadline.TotalSeconds)
            .Table("multiplier", ScalarType.String, t => Fill(t, options.ImageCategories, m => m.Multiplier))
            .Table("minVramGb", ScalarType.String, t => Fill(t, options.ImageCategories, m => m.MinVramGb))
            .Rule("base", r => r.Set("points", "width * height * steps * rate * multiplier[category]"))
            .Rule("vram", r => r.When("gpuVramGb < minVramGb[category]").Set("points", "0.0"))
            .Rule("deadline", r => r.When("latencySeconds > deadlineSeconds").Set("points", "0.0"))
            .Output("points")
            .Build();
    }

    /// <summary>LLM jobs: <c>(input + output tokens) / 1000 × multiplier[model]</c>, 0 below the model's VRAM or over the deadline.</summary>
    public static RuleSet Llm(OracleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleSetBuilder(LlmId)
            .Version(1)
            .Description("Llama points for LLM jobs: (input + output tokens) / 1000 x model multiplier; 0 below the model's minimum VRAM or over the deadline.")
            .EffectiveFrom(BuiltInEffectiveFrom)
            .Input("inputTokens", ScalarType.Int).Input("outputTokens", ScalarType.Int)
            .Input("model", ScalarType.String).Input("gpuVramGb", ScalarType.Double).Input("latencySeconds", ScalarType.Double)
            .Parameter("deadlineSeconds", options.LlmDeadline.TotalSeconds)
            .Table("multiplier", ScalarType.String, t => Fill(t, options.LlmModels, m => m.Multiplier))
            .Table("minVramGb", ScalarType.String, t => Fill(t, options.LlmModels, m => m.MinVramGb))
            .Rule("base", r => r.Set("points", "(inputTokens + outputTokens) / 1000 * multiplier[model]"))
            .Rule("vram", r => r.When("gpuVramGb < minVramGb[model]").Set("points", "0.0"))
            .Rule("deadline", r => r.When("latencySeconds > deadlineSeconds").Set("points", "0.0"))
            .Output("points")
            .Build();
    }

    /// <summary>
    /// The boosts of <see cref="JobBoosts"/> as a version of <c>jobs-boosts</c>: the embedded document's rules with the
    /// options' tiers and GPUs per NFT, so the scheme can be checked against the oracle on any tier tables.
    /// </summary>
    public static RuleSet Boosts(OracleJobsOptions options, string version)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleSetBuilder("jobs-boosts")
            .Version(version)
            .Description("NFT and stake boosts with the tiers of an oracle's options.")
            .EffectiveFrom(BuiltInEffectiveFrom)
            .Input("base", ScalarType.Double).Input("rank", ScalarType.Int).Input("nfts", ScalarType.Int).Input("stake", ScalarType.Double)
            .Parameter("gpusPerNft", (long)options.GpusPerNft)
            .Tier("nftTiers", t => Steps(t, options.EffectiveNftTiers))
            .Tier("stakeTiers", t => Steps(t, options.EffectiveStakeTiers))
            .Rule("multipliers", r => r.Set("nftMultiplier", "tier(nftTiers, nfts)").Set("stakeMultiplier", "tier(stakeTiers, stake)"))
            .Rule("covered", r => r.Set("nftBoosted", "rank < nfts * gpusPerNft").Set("nftBoost", "0.0").Set("stakeBoost", "0.0").Set("nftApplied", "1.0"))
            .Rule("nft", r => r.When("nftBoosted && nftMultiplier != 1.0").Set("nftBoost", "base * (nftMultiplier - 1.0)"))
            .Rule("nftThenStake", r => r.When("nftBoosted").Set("nftApplied", "nftMultiplier"))
            .Rule("stake", r => r.When("stakeMultiplier != 1.0").Set("stakeBoost", "base * nftApplied * (stakeMultiplier - 1.0)"))
            .Output("nftBoost").Output("stakeBoost")
            .Output("nftMultiplier", RuleOutputType.Double).Output("stakeMultiplier", RuleOutputType.Double).Output("nftApplied", RuleOutputType.Double)
            .Build();
    }

    private static void Steps(TierTableBuilder table, IList<JobTier> tiers)
    {
        foreach (var tier in tiers)
        {
            table.Step(tier.Threshold, tier.Multiplier);
        }
    }

    private static void Fill(LookupTableBuilder table, Dictionary<string, JobModelOptions> entries, Func<JobModelOptions, double> value)
    {
        foreach (var (key, model) in entries)
        {
            table.Entry(key, value(model));
        }
    }
}
