using System.CommandLine;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>The console a command writes to: the invocation's output writer, so tests can capture it.</summary>
internal static class CliConsole
{
    /// <summary>A Spectre console over the invocation's standard output (no colours when it is not a terminal).</summary>
    public static IAnsiConsole For(ParseResult parseResult) => For(parseResult.InvocationConfiguration.Output);

    /// <summary>A Spectre console over <paramref name="writer"/>.</summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output has no width; 80 columns would wrap a leaderboard's header words mid-word.
            console.Profile.Width = 240;
        }
        return console;
    }

    /// <summary>Whether progress bars make sense: standard error is a terminal and nothing captures output.</summary>
    public static bool IsInteractive(ParseResult parseResult) =>
        ReferenceEquals(parseResult.InvocationConfiguration.Output, Console.Out) && !Console.IsErrorRedirected && !Console.IsOutputRedirected;
}
