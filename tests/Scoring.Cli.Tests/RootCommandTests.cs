namespace Scoring.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var (exit, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith(typeof(ScoringCommandLine).Assembly.GetName().Version!.ToString(3), output.Trim());
    }

    [Fact]
    public void Help_describes_the_tool_and_the_plugin_option()
    {
        var (exit, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("scoring", output);
        Assert.Contains("points", output);
        Assert.Contains("--plugin", output);
        foreach (string command in new[] { "score", "leaderboard", "diff", "slash", "entries", "rules", "explain", "check", "weights", "generate", "devices" })
        {
            Assert.Contains(command, output);
        }
    }

    [Fact]
    public void Usage_errors_exit_two_with_a_message()
    {
        var (exit, _, error) = CliRunner.Run("no-such-command");
        Assert.Equal(ScoringCommandLine.UsageError, exit);
        Assert.Contains("no-such-command", error);
        var missing = CliRunner.Run("score", "--scheme", "swarm");
        Assert.Equal(ScoringCommandLine.UsageError, missing.Exit);
        Assert.Contains("--input", missing.Error);
    }
}
