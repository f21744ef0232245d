using Microsoft.Extensions.Options;

namespace Scoring.Rules.Swarm;

/// <summary>Validates <see cref="SwarmOptions"/>; every message names the configuration key at fault.</summary>
public sealed class SwarmOptionsValidator : IValidateOptions<SwarmOptions>
{
    /// <summary>The longest presence timeout accepted: longer gaps are not "presence" any more.</summary>
    public static readonly TimeSpan MaxPresenceTimeout = TimeSpan.FromDays(1);

    /// <summary>The longest reorder window accepted.</summary>
    public static readonly TimeSpan MaxReorderWindow = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SwarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Validates and throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(SwarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SwarmOptions.SectionName, typeof(SwarmOptions), errors);
        }
    }

    private static List<string> Errors(SwarmOptions options)
    {
        const string s = SwarmOptions.SectionName;
        var errors = new List<string>();
        if (options.PeerCap < 1)
        {
            errors.Add($"{s}:PeerCap must be at least 1 (got {options.PeerCap}).");
        }
        if (options.PresenceTimeout <= TimeSpan.Zero || options.PresenceTimeout > MaxPresenceTimeout)
        {
            errors.Add($"{s}:PresenceTimeout must be positive and at most {MaxPresenceTimeout} (got {options.PresenceTimeout}).");
        }
        if (options.ReorderWindow < TimeSpan.Zero || options.ReorderWindow > MaxReorderWindow)
        {
            errors.Add($"{s}:ReorderWindow must be between 0 and {MaxReorderWindow} (got {options.ReorderWindow}).");
        }
        if (options.PeerCapChanges is null)
        {
            errors.Add($"{s}:PeerCapChanges must be a list (it is null).");
            return errors;
        }
        for (int i = 0; i < options.PeerCapChanges.Count; i++)
        {
            var change = options.PeerCapChanges[i];
            string key = $"{s}:PeerCapChanges:{i}";
            if (change is null)
            {
                errors.Add($"{key} is null.");
                continue;
            }
            if (!double.IsFinite(change.From) || change.From < 0 || change.From > SwarmReport.MaxTimestamp)
            {
                errors.Add($"{key}:From must be a unix time in seconds between 0 and {SwarmReport.MaxTimestamp:R} (got {change.From:R}).");
            }
            else if (i > 0 && options.PeerCapChanges[i - 1] is { } previous && change.From <= previous.From)
            {
                errors.Add($"{key}:From must be later than {s}:PeerCapChanges:{i - 1}:From ({change.From:R} <= {previous.From:R}).");
            }
            if (change.PeerCap < 1)
            {
                errors.Add($"{key}:PeerCap must be at least 1 (got {change.PeerCap}).");
            }
        }
        return errors;
    }
}
