using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Scoring;

/// <summary>
/// Validates an options object's DataAnnotations outside a DI container (e.g. options passed in code), with the same
/// <see cref="OptionsValidationException"/> and key-naming messages that <c>ValidateDataAnnotations()</c> gives in a host.
/// </summary>
internal static class OptionsValidation
{
    /// <summary>Throws when <paramref name="options"/> breaks any of its DataAnnotations; returns it otherwise.</summary>
    /// <typeparam name="T">The options type.</typeparam>
    /// <param name="options">The options to check.</param>
    /// <param name="section">The configuration section name used in messages (default: the type name).</param>
    /// <exception cref="OptionsValidationException">Lists every broken rule as <c>Section.Key: message</c>.</exception>
    public static T ThrowIfInvalid<T>(T options, string? section = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return options;
        }
        section ??= typeof(T).Name;
        throw new OptionsValidationException(section, typeof(T),
            results.Select(r => $"{section}.{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
