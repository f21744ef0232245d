using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Scoring.Cli.Commands;

namespace Scoring.Cli;

/// <summary>The <c>scoring</c> command tree. Each sub-command lives in its own file under <c>Commands/</c>.</summary>
internal static class ScoringCommandLine
{
    /// <summary>Builds the root command with every sub-command attached.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("scoring: turn a compute network's work reports into exact points, leaderboards and weights.");
        root.Options.Add(PluginOption.Instance);
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(RulesCommand.Create());
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            // The default prints the entry assembly's version, which is the test host's under a test runner.
            option.Action = new PrintVersion();
        }
        root.Subcommands.Add(LeaderboardCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(WeightsCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(SlashCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(EntriesCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        return root;
    }

    /// <summary>Exit code of a command line that does not parse (an unknown option, a missing required one).</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Parses and runs a command line: the command's exit code, or <see cref="UsageError"/> when the line does not parse.
    /// A line that does not parse is one line on standard error, <c>scoring &lt;command&gt;: &lt;what is wrong&gt;</c>, with
    /// a pointer to the command's help (never the whole help: the error would scroll away above it). Whatever fails, no
    /// stack trace is printed: a failure no command foresaw is one line too, exit code 1.
    /// </summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        // The default handler prints the exception with its stack trace; CommandFailures makes it one line instead.
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            var parse = Build().Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                configuration.Error.WriteLine(UsageMessage(parse));
                return UsageError;
            }
            return parse.Invoke(configuration);
        }
        catch (Exception exception)
        {
            configuration.Error.WriteLine($"scoring: {CommandFailures.Describe(exception)}");
            return CommandFailures.ExitCode;
        }
    }

    /// <summary>The errors of a command line that does not parse, as one line naming the command and where its help is.</summary>
    private static string UsageMessage(ParseResult parse)
    {
        string command = CommandFailures.CommandPath(parse);
        string prefix = command.Length == 0 ? "scoring" : $"scoring {command}";
        string errors = string.Join(" ", parse.Errors.Select(e => CommandFailures.OneLine(e.Message)).Distinct());
        return $"{prefix}: {errors} ('{prefix} --help' lists the options.)";
    }

    /// <summary>The CLI's version: the informational version of this assembly (version + commit).</summary>
    public static string Version =>
        typeof(ScoringCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ScoringCommandLine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }
}
