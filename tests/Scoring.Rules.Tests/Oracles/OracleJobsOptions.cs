namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The jobs scheme's formula settings as they were before the formulas moved into the rule sets <c>jobs-image</c>,
/// <c>jobs-llm</c> and <c>jobs-boosts</c>: per-job rates, multipliers, hardware minimums and deadlines, and the boost
/// tiers. The oracles read them; their defaults are the numbers the embedded rule sets must reproduce.
/// </summary>
public sealed class OracleJobsOptions
{
    /// <summary>The configuration section the options were bound from (it prefixes the validator's messages).</summary>
    public const string SectionName = "Jobs";

    /// <summary>Waifu points per pixel-step (default 10⁻⁶: one point per megapixel-step, before the category multiplier).</summary>
    public double ImageRate { get; set; } = 1e-6;

    /// <summary>An image job slower than this earns 0 (default 18 s).</summary>
    public TimeSpan ImageDeadline { get; set; } = TimeSpan.FromSeconds(18);

    /// <summary>An LLM job slower than this earns 0 (default 180 s).</summary>
    public TimeSpan LlmDeadline { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>Image categories by id (compared exactly).</summary>
    public Dictionary<string, JobModelOptions> ImageCategories { get; set; } = new(StringComparer.Ordinal)
    {
        ["sd15"] = JobModelOptions.Of(0.3, 8),
        ["sd15-lora"] = JobModelOptions.Of(0.3, 8),
        ["sdxl"] = JobModelOptions.Of(1, 16),
        ["sdxl-lora"] = JobModelOptions.Of(1.2, 16),
        ["flux"] = JobModelOptions.Of(0, 24),
    };

    /// <summary>LLM models by id (compared exactly).</summary>
    public Dictionary<string, JobModelOptions> LlmModels { get; set; } = new(StringComparer.Ordinal)
    {
        ["dolphin-2.9-llama3-8b"] = JobModelOptions.Of(0.5, 24),
        ["hermes-3-llama3.1-8b"] = JobModelOptions.Of(0.5, 24),
        ["theia-llama-3.1-8b"] = JobModelOptions.Of(0.5, 24),
        ["openhermes-mixtral-8x7b-gptq"] = JobModelOptions.Of(1, 40),
    };

    /// <summary>
    /// The NFT multiplier by NFTs held, thresholds increasing from 0. Empty (the default) means
    /// <see cref="DefaultNftTiers"/>; a configured list replaces them whole.
    /// </summary>
    public IList<JobTier> NftTiers { get; set; } = new List<JobTier>();

    /// <summary>
    /// The stake multiplier by amount staked, thresholds increasing from 0. Empty (the default) means
    /// <see cref="DefaultStakeTiers"/> (no boost: the upstream rules are "TBD").
    /// </summary>
    public IList<JobTier> StakeTiers { get; set; } = new List<JobTier>();

    /// <summary>How many GPUs (miner ids) of a wallet one NFT boosts (default 3).</summary>
    public int GpusPerNft { get; set; } = 3;

    /// <summary>The default NFT tiers: 0 NFTs ×1, 1 ×1.1, 2 ×1.2, 5 or more ×1.5.</summary>
    public static IReadOnlyList<JobTier> DefaultNftTiers { get; } =
        [JobTier.Of(0, 1.0), JobTier.Of(1, 1.1), JobTier.Of(2, 1.2), JobTier.Of(5, 1.5)];

    /// <summary>The default stake tiers: ×1 for any stake.</summary>
    public static IReadOnlyList<JobTier> DefaultStakeTiers { get; } = [JobTier.Of(0, 1.0)];

    /// <summary>The NFT tiers in force: <see cref="NftTiers"/>, or the defaults when it is empty.</summary>
    public IList<JobTier> EffectiveNftTiers => NftTiers.Count > 0 ? NftTiers : [.. DefaultNftTiers];

    /// <summary>The stake tiers in force: <see cref="StakeTiers"/>, or the defaults when it is empty.</summary>
    public IList<JobTier> EffectiveStakeTiers => StakeTiers.Count > 0 ? StakeTiers : [.. DefaultStakeTiers];
}
