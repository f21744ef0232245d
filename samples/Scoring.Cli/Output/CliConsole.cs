using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>
/// The consoles a command writes to: the invocation's output writer (so tests can capture it), as wide as the terminal;
/// redirected output is <see cref="RedirectedWidth"/> columns wide unless <c>COLUMNS</c> says otherwise.
/// </summary>
internal static class CliConsole
{
    /// <summary>The width of output that is not a terminal: wide enough that tables keep every column.</summary>
    public const int RedirectedWidth = 240;

    /// <summary>A Spectre console over the invocation's standard output (no colours when it is not a terminal).</summary>
    public static IAnsiConsole For(ParseResult parseResult) => For(parseResult.InvocationConfiguration.Output);

    /// <summary>A Spectre console over <paramref name="writer"/>.</summary>
    public static IAnsiConsole For(TextWriter writer) =>
        Create(writer, ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>A Spectre console over standard error, for progress on a terminal.</summary>
    public static IAnsiConsole ForError() => Create(Console.Error, !Console.IsErrorRedirected);

    /// <summary>
    /// Whether a progress bar makes sense: the command writes its errors to the process's standard error and that is a
    /// terminal (never when output is captured, as in tests, or redirected to a file).
    /// </summary>
    public static bool IsInteractive(ParseResult parseResult) =>
        ReferenceEquals(parseResult.InvocationConfiguration.Error, Console.Error) && !Console.IsErrorRedirected;

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output has no width of its own; Spectre's 80 would squeeze tables that a file has room for.
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int columns)
                && columns is >= 20 and <= 10_000 ? columns : RedirectedWidth;
        }
        return console;
    }
}
