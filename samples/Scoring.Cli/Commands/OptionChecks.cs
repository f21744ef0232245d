using System.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary>Range checks on option values, run while the command line is parsed (so a bad value is a usage error, exit 2).</summary>
internal static class OptionChecks
{
    /// <summary>Adds a validator that reports <paramref name="message"/> when the option's value is not <paramref name="valid"/>.</summary>
    /// <remarks>
    /// System.CommandLine runs validators before it converts the value, and reports a value that does not convert
    /// ("Cannot parse argument '9e12' for option '--top'") on its own; reading such a value here would throw instead, so
    /// the check leaves it to that error.
    /// </remarks>
    public static Option<T> Require<T>(this Option<T> option, Func<T, bool> valid, string message)
    {
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }
            if (!valid(value))
                result.AddError(message);
        });
        return option;
    }
}
