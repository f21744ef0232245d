using System.Text.Json;

namespace Scoring.Cli.Tests;

/// <summary><c>--plugin PATH</c>: a scheme the CLI was not built with, found through its registration.</summary>
public sealed class PluginTests : IDisposable
{
    private const string Uptime = """
        {"type":"uptime","id":"u1","node":"n1","account":"carol","seconds":1800,"timestamp":1767225600}
        {"type":"uptime","id":"u2","node":"n2","account":"dave","seconds":3600,"timestamp":1767225600}
        {"type":"uptime","id":"u3","node":"n2","account":"dave","seconds":-5,"timestamp":1767225660}
        {"type":"swarm","peerId":"p1","account":"alice","cumulativeFlops":0,"timestamp":1767225600}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-plugin-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Input() => CliRunner.TempFile(Uptime + "\n", ".jsonl");

    [Fact]
    public void A_plugin_scheme_scores_into_the_ledger_with_its_own_currency_and_kinds()
    {
        string db = Path.Combine(_folder, "uptime.db");
        var result = CliRunner.Json("score", "--plugin", CliRunner.TestPlugin, "--scheme", "uptime", "--input", Input(), "--db", db, "--backend", "scalar");
        var counts = result.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("scored").GetInt64());
        Assert.Equal(2, counts.GetProperty("rejected").GetInt64()); // a negative uptime, and another scheme's report
        var board = result.GetProperty("leaderboards").EnumerateArray().Single();
        Assert.Equal("uptime", board.GetProperty("currency").GetString());
        var rows = board.GetProperty("leaderboard").GetProperty("rows");
        Assert.Equal(["dave", "carol"], rows.EnumerateArray().Select(r => r.GetProperty("account").GetString()));
        Assert.Equal(["1", "0.5"], rows.EnumerateArray().Select(r => r.GetProperty("score").GetRawText()));

        var (exit, table, _) = CliRunner.Run("leaderboard", "--plugin", CliRunner.TestPlugin, "--db", db, "--scheme", "uptime");
        Assert.Equal(0, exit);
        Assert.Contains("Uptime points (uptime", table);
        Assert.Contains("Uptime", table.Split('\n').First(l => l.Contains("Rank", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_plugin_is_a_global_option_and_its_rule_sets_and_reports_are_known_everywhere()
    {
        var listed = CliRunner.Json("--plugin", CliRunner.TestPlugin, "rules", "list").GetProperty("ruleSets").EnumerateArray();
        Assert.Contains(listed, r => r.GetProperty("scheme").GetString() == "uptime" && r.GetProperty("id").GetString() == "uptime-points");

        var explained = CliRunner.Json("explain", "--plugin", CliRunner.TestPlugin, "--report", Uptime.Split('\n')[0]);
        Assert.Equal("uptime", explained.GetProperty("scheme").GetString());
        Assert.Equal("0.5", explained.GetProperty("explanations")[0].GetProperty("trace").GetProperty("points").GetString());

        // Without the plug-in, its reports are unknown and its scheme is not registered.
        var without = CliRunner.Run("explain", "--report", Uptime.Split('\n')[0]);
        Assert.Contains("unknown report type \"uptime\"", without.Error);
        Assert.Contains("registered schemes: swarm, jobs, pog.", CliRunner.Run("score", "--scheme", "uptime", "--input", Input()).Error);
    }

    [Fact]
    public void Registering_the_built_in_schemes_again_changes_nothing()
    {
        string rules = Path.Combine(AppContext.BaseDirectory, "Scoring.Rules.dll");
        var listed = CliRunner.Json("rules", "list", "--plugin", rules, "--plugin", CliRunner.TestPlugin, "--plugin", CliRunner.TestPlugin)
            .GetProperty("ruleSets").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["swarm-points", "jobs-boosts", "jobs-image", "jobs-llm", "pog-score", "uptime-points"], listed);
    }

    [Fact]
    public void A_missing_plugin_is_one_line()
    {
        var (exit, _, error) = CliRunner.Run("rules", "list", "--plugin", Path.Combine(_folder, "nope.dll"));
        Assert.Equal(1, exit);
        Assert.Equal($"scoring rules list: --plugin '{Path.Combine(_folder, "nope.dll")}': the file does not exist.", error.Trim());
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_one_line()
    {
        string fake = Path.Combine(_folder, "fake.dll");
        File.WriteAllText(fake, "not a PE file");
        var (exit, _, error) = CliRunner.Run("rules", "list", "--plugin", fake);
        Assert.Equal(1, exit);
        Assert.Equal($"scoring rules list: --plugin '{fake}' is not a .NET assembly (build the plug-in project and give its DLL).", error.Trim());
    }

    [Fact]
    public void An_assembly_without_registrations_is_one_line()
    {
        string library = typeof(System.CommandLine.Command).Assembly.Location;
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", Input(), "--plugin", library);
        Assert.Equal(1, exit);
        Assert.StartsWith($"scoring score: --plugin '{library}' has no scheme registration", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
