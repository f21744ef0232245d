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
    public void Help_describes_the_tool()
    {
        var (exit, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("scoring", output);
        Assert.Contains("points", output);
    }

    [Fact]
    public void Unknown_command_fails_with_a_message()
    {
        var (exit, _, error) = CliRunner.Run("no-such-command");
        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-command", error);
    }
}
