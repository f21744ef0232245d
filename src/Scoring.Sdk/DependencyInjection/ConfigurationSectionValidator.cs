using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Scoring;

/// <summary>
/// Validates options' DataAnnotations (and <see cref="IValidatableObject"/>) like <c>ValidateDataAnnotations()</c>,
/// but names each failure by its full configuration key (<c>Scoring:Ledger:Path: is required …</c>) so an operator
/// knows which line of <c>appsettings.json</c> to fix.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <param name="section">The configuration section the options are bound from.</param>
public sealed class ConfigurationSectionValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
