using System.Reflection;
using Microsoft.Extensions.Options;

namespace Scoring.Samples;

/// <summary>
/// What an operator reads when a host cannot start or stops on an error: one line naming the setting or file at
/// fault, never a stack trace. Shared by the sample hosts (linked into each project).
/// </summary>
internal static class StartFailure
{
    /// <summary>The failure as one line: the innermost meaningful message of wrappers, each of several failures once.</summary>
    public static string Describe(Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner })
            exception = inner;
        var messages = exception switch
        {
            OptionsValidationException options => options.Failures,
            AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Describe),
            _ => [exception.Message],
        };
        return string.Join("; ", messages.Select(m => m.ReplaceLineEndings(" ").Trim()).Distinct());
    }

    /// <summary>A file setting made absolute against the host's content root (empty stays empty).</summary>
    public static string? InContentRoot(string? path, string root) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, root);
}
