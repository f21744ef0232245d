using System.CommandLine;

namespace Scoring.Cli;

/// <summary>The <c>scoring</c> command tree. Each sub-command lives in its own file under <c>Commands/</c>.</summary>
internal static class ScoringCommandLine
{
    /// <summary>Builds the root command with every sub-command attached.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("scoring: turn a compute network's work reports into exact points, leaderboards and weights.");
        root.Subcommands.Add(Commands.DevicesCommand.Create());
        return root;
    }
}
