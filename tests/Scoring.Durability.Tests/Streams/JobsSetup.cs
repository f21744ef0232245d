using Scoring.Durability.Tests.Harness;
using Scoring.Evaluation;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.RuleSets;

namespace Scoring.Durability.Tests.Streams;

/// <summary>
/// A jobs scheme configuration: short epochs (so a stream spans several), a grace, the wallets' holdings per epoch,
/// and optionally a second <c>jobs-boosts</c> version (with stake tiers) from the start of an epoch.
/// </summary>
internal sealed class JobsSetup(int epochMinutes, int graceSeconds, WalletHoldings[] holdings, int? boostsV2FromEpoch) : SchemeSetup
{
    public const double Origin = SwarmStreams.T0;

    public int EpochMinutes => epochMinutes;

    public int GraceSeconds => graceSeconds;

    public JobsOptions Options() => new()
    {
        EpochLength = TimeSpan.FromMinutes(epochMinutes),
        EpochOrigin = Origin,
        EpochGrace = TimeSpan.FromSeconds(graceSeconds),
    };

    public override Report Alter(Report report) => report switch
    {
        ImageJobReport image => image with { LatencySeconds = image.LatencySeconds + 0.25 },
        LlmJobReport llm => llm with { OutputTokens = llm.OutputTokens + 1 },
        _ => throw new ArgumentException($"not a job: {report}", nameof(report)),
    };

    public override string ToString() =>
        $"jobs: epochs of {epochMinutes} min from {Origin:R}, grace {graceSeconds} s, holdings [{string.Join(", ", holdings)}]" +
        (boostsV2FromEpoch is { } v2 ? $", jobs-boosts v2 from epoch {v2}" : "");

    protected override SchemeHarness CreateHarness()
    {
        var scheme = new JobsScheme(Options(), new WalletSnapshot(holdings));
        if (boostsV2FromEpoch is not { } epoch)
            return new SchemeHarness(scheme);
        var v1 = scheme.RuleSets.Single(r => r.Id == JobsScheme.BoostsRuleSetId);
        var from = DateTimeOffset.FromUnixTimeSeconds((long)scheme.Epochs.StartOf(epoch));
        var v2 = RuleSetDocument.Read(BoostsV2(from)).RuleSet ?? throw new InvalidOperationException("the jobs-boosts v2 document does not read");
        return new SchemeHarness(scheme, [RuleSetCompiler.CompileOrThrow(v1), RuleSetCompiler.CompileOrThrow(v2)]);
    }

    /// <summary>The built-in boosts with stake tiers that pay, so stake boosts (after NFT boosts) are entries too.</summary>
    private static string BoostsV2(DateTimeOffset from) =>
        $$"""
        {
          "id": "jobs-boosts",
          "version": "2",
          "description": "Durability tests: the built-in boosts with stake tiers that pay.",
          "effectiveFrom": "{{from:yyyy-MM-ddTHH:mm:ssZ}}",
          "inputs": { "base": "double", "rank": "int", "nfts": "int", "stake": "double" },
          "parameters": { "gpusPerNft": 2 },
          "tiers": {
            "nftTiers": { "steps": [[0, 1.0], [1, 1.1], [2, 1.2], [5, 1.5]] },
            "stakeTiers": { "steps": [[0, 1.0], [1000, 1.05], [4000, 1.25]] }
          },
          "rules": [
            { "name": "multipliers", "set": { "nftMultiplier": "tier(nftTiers, nfts)", "stakeMultiplier": "tier(stakeTiers, stake)" } },
            { "name": "covered", "set": { "nftBoosted": "rank < nfts * gpusPerNft", "nftBoost": "0.0", "stakeBoost": "0.0", "nftApplied": "1.0" } },
            { "name": "nft", "when": "nftBoosted && nftMultiplier != 1.0", "set": { "nftBoost": "base * (nftMultiplier - 1.0)" } },
            { "name": "nftThenStake", "when": "nftBoosted", "set": { "nftApplied": "nftMultiplier" } },
            { "name": "stake", "when": "stakeMultiplier != 1.0", "set": { "stakeBoost": "base * nftApplied * (stakeMultiplier - 1.0)" } }
          ],
          "outputs": { "nftBoost": "points", "stakeBoost": "points", "nftMultiplier": "double", "stakeMultiplier": "double", "nftApplied": "double" }
        }
        """;
}
