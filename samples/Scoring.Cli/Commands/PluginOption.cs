using System.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>--plugin PATH</c>, repeatable, on every command: an assembly whose public <see cref="Scoring.Schemes.ISchemeRegistration"/>
/// classes register more schemes beside the built-in ones (see <see cref="SchemePlugins"/>).
/// </summary>
internal static class PluginOption
{
    /// <summary>The option, added once to the root command and inherited by every sub-command.</summary>
    public static Option<string[]> Instance { get; } = new("--plugin")
    {
        Description = "A .NET assembly (DLL) with scheme registrations (public ISchemeRegistration classes) to load beside the built-in schemes; repeatable.",
        Recursive = true,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The plug-in paths given.</summary>
    public static IReadOnlyList<string> Of(ParseResult parse) => parse.GetValue(Instance) ?? [];
}
