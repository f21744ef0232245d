namespace Scoring.Rules.Jobs;

/// <summary>
/// Settings of the jobs scheme (configuration section <c>Jobs</c>): epochs, how long an epoch stays open for late
/// jobs, and the wallet holdings. The formulas — per-job multipliers, minimum VRAM, deadlines, NFT and stake tiers — are
/// the rule sets <c>jobs-image</c>, <c>jobs-llm</c> and <c>jobs-boosts</c> (docs/schemes.md).
/// </summary>
public sealed class JobsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Jobs";

    /// <summary>The length of an epoch, the period boosts are computed over (default 1 day).</summary>
    public TimeSpan EpochLength { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The start of epoch 0, unix seconds of report time (default 0: epochs are UTC days).</summary>
    public double EpochOrigin { get; set; }

    /// <summary>
    /// How long after an epoch ends its jobs are still taken (default 15 minutes): the epoch closes — its boosts are
    /// computed and recorded — once a job at or after its end plus this grace arrives, or when an input is settled.
    /// A job of a closed epoch is late.
    /// </summary>
    public TimeSpan EpochGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The wallet holdings snapshot (JSON Lines of <c>{epoch, wallet, nfts, stake}</c>, docs/schemes.md) the boosts read
    /// when an epoch closes; none means no wallet holds anything.
    /// </summary>
    public string? HoldingsPath { get; set; }
}
