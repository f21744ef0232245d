using System.Globalization;
using Microsoft.Extensions.Options;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// Validates <see cref="OracleJobsOptions"/> as the scheme did before its formulas became rule sets, so the oracles only
/// ever run on settings the old scheme accepted; every message names the configuration key at fault.
/// </summary>
public sealed class OracleJobsOptionsValidator : IValidateOptions<OracleJobsOptions>
{
    /// <summary>The largest multiplier accepted anywhere (a guard against a misplaced decimal point).</summary>
    public const double MaxMultiplier = 1000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OracleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Validates and throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(OracleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(OracleJobsOptions.SectionName, typeof(OracleJobsOptions), errors);
        }
    }

    private static List<string> Errors(OracleJobsOptions options)
    {
        const string s = OracleJobsOptions.SectionName;
        var errors = new List<string>();
        if (!(options.ImageRate >= 0 && options.ImageRate <= 1))
        {
            errors.Add($"{s}:ImageRate must be between 0 and 1 point per pixel-step (got {Text(options.ImageRate)}).");
        }
        if (options.ImageDeadline <= TimeSpan.Zero)
        {
            errors.Add($"{s}:ImageDeadline must be positive (got {options.ImageDeadline}).");
        }
        if (options.LlmDeadline <= TimeSpan.Zero)
        {
            errors.Add($"{s}:LlmDeadline must be positive (got {options.LlmDeadline}).");
        }
        Models(errors, $"{s}:ImageCategories", options.ImageCategories);
        Models(errors, $"{s}:LlmModels", options.LlmModels);
        Tiers(errors, $"{s}:NftTiers", options.NftTiers, whole: true);
        Tiers(errors, $"{s}:StakeTiers", options.StakeTiers, whole: false);
        if (options.GpusPerNft < 1)
        {
            errors.Add($"{s}:GpusPerNft must be at least 1 (got {options.GpusPerNft}).");
        }
        return errors;
    }

    private static void Models(List<string> errors, string key, Dictionary<string, JobModelOptions>? models)
    {
        if (models is null)
        {
            errors.Add($"{key} must be a table (it is null).");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, model) in models.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"{key} has an empty id.");
                continue;
            }
            if (!seen.Add(id))
            {
                errors.Add($"{key}:{id} is given twice (ids compare case-insensitively).");
            }
            if (model is null)
            {
                errors.Add($"{key}:{id} is null.");
                continue;
            }
            if (!(model.Multiplier >= 0 && model.Multiplier <= MaxMultiplier))
            {
                errors.Add($"{key}:{id}:Multiplier must be between 0 and {MaxMultiplier} (got {Text(model.Multiplier)}).");
            }
            if (!(model.MinVramGb >= 0 && model.MinVramGb <= 100_000))
            {
                errors.Add($"{key}:{id}:MinVramGb must be between 0 and 100000 (got {Text(model.MinVramGb)}).");
            }
        }
    }

    private static void Tiers(List<string> errors, string key, IList<JobTier>? tiers, bool whole)
    {
        if (tiers is null)
        {
            errors.Add($"{key} must be a list (it is null).");
            return;
        }
        for (int i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier is null)
            {
                errors.Add($"{key}:{i} is null.");
                continue;
            }
            if (i == 0 && tier.Threshold != 0)
            {
                errors.Add($"{key}:0:Threshold must be 0 so that every holder has a tier (got {Text(tier.Threshold)}).");
            }
            else if (!(tier.Threshold >= 0 && double.IsFinite(tier.Threshold)) || (whole && Math.Floor(tier.Threshold) != tier.Threshold))
            {
                errors.Add($"{key}:{i}:Threshold must be a finite {(whole ? "whole number" : "number")} of at least 0 (got {Text(tier.Threshold)}).");
            }
            else if (i > 0 && tiers[i - 1] is { } previous && tier.Threshold <= previous.Threshold)
            {
                errors.Add($"{key}:{i}:Threshold must be above {key}:{i - 1}:Threshold ({Text(tier.Threshold)} <= {Text(previous.Threshold)}).");
            }
            if (!(tier.Multiplier >= 1 && tier.Multiplier <= MaxMultiplier))
            {
                errors.Add($"{key}:{i}:Multiplier must be between 1 and {MaxMultiplier}: a boost never lowers points (got {Text(tier.Multiplier)}).");
            }
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
