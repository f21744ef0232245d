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
    /// Parses and runs a command line: the command's exit code, or <see cref="UsageError"/> when the line does not parse
    /// (System.CommandLine then prints the errors and the command's help).
    /// </summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = Build().Parse(args);
        int exit = configuration is null ? parse.Invoke() : parse.Invoke(configuration);
        return parse.Errors.Count > 0 && exit != 0 ? UsageError : exit;
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
