using System.Globalization;
using Microsoft.Extensions.Options;

namespace Scoring.Rules.Jobs;

/// <summary>Validates <see cref="JobsOptions"/>; every message names the configuration key at fault.</summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    /// <summary>The longest epoch grace accepted.</summary>
    public static readonly TimeSpan MaxEpochGrace = TimeSpan.FromDays(7);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Validates and throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(JobsOptions.SectionName, typeof(JobsOptions), errors);
        }
    }

    private static List<string> Errors(JobsOptions options)
    {
        const string s = JobsOptions.SectionName;
        var errors = new List<string>();
        if (options.EpochLength < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{s}:EpochLength must be at least 1 second (got {options.EpochLength}).");
        }
        if (!(options.EpochOrigin >= 0 && options.EpochOrigin <= 1e11))
        {
            errors.Add($"{s}:EpochOrigin must be unix seconds between 0 and 100000000000 (got {options.EpochOrigin.ToString("R", CultureInfo.InvariantCulture)}).");
        }
        if (options.EpochGrace < TimeSpan.Zero || options.EpochGrace > MaxEpochGrace)
        {
            errors.Add($"{s}:EpochGrace must be between 0 and {MaxEpochGrace} (got {options.EpochGrace}).");
        }
        if (options.HoldingsPath is { } path && string.IsNullOrWhiteSpace(path))
        {
            errors.Add($"{s}:HoldingsPath must be a file path or absent (it is blank).");
        }
        return errors;
    }
}
