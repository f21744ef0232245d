using System.CommandLine;

namespace Scoring.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public void Version_prints_the_assembly_version()
    {
        var (exit, output, _) = Run("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith(typeof(ScoringCommandLine).Assembly.GetName().Version!.ToString(3), output.Trim());
    }

    [Fact]
    public void Help_describes_the_tool()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("scoring", output);
        Assert.Contains("points", output);
    }

    [Fact]
    public void Unknown_command_fails_with_a_message()
    {
        var (exit, _, error) = Run("no-such-command");
        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-command", error);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ScoringCommandLine.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
