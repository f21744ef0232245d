using System.Text.Json;

namespace Scoring.Cli.Tests;

public class RulesCommandTests
{
    [Fact]
    public void List_shows_every_schemes_rule_sets_with_hash_and_outputs()
    {
        var listed = CliRunner.Json("rules", "list").GetProperty("ruleSets").EnumerateArray().ToArray();
        Assert.Equal(["swarm-points", "jobs-boosts", "jobs-image", "jobs-llm", "pog-score"], listed.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["swarm", "jobs", "jobs", "jobs", "pog"], listed.Select(r => r.GetProperty("scheme").GetString()));
        Assert.All(listed, r => Assert.Equal(64, r.GetProperty("hash").GetString()!.Length));
        Assert.All(listed, r => Assert.Equal("built-in", r.GetProperty("source").GetString()));
        var pog = listed.Single(r => r.GetProperty("id").GetString() == "pog-score");
        Assert.Equal("minerScore", pog.GetProperty("outputs")[0].GetProperty("name").GetString());
        Assert.Equal("double", pog.GetProperty("outputs")[0].GetProperty("type").GetString());
        Assert.Equal("2000-01-01T00:00:00Z", pog.GetProperty("effectiveFrom").GetString());
    }

    [Theory]
    [InlineData("swarm-points")]
    [InlineData("jobs-image")]
    [InlineData("jobs-llm")]
    [InlineData("jobs-boosts")]
    [InlineData("pog-score")]
    public void Show_prints_a_document_that_check_accepts_with_the_same_hash(string id)
    {
        string hash = CliRunner.Json("rules", "list").GetProperty("ruleSets").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == id).GetProperty("hash").GetString()!;
        var (exit, document, error) = CliRunner.Run("rules", "show", "--id", id);
        Assert.True(exit == 0, error);
        var check = CliRunner.Run("check", CliRunner.TempFile(document));
        Assert.True(check.Exit == 0, check.Error);
        Assert.Contains($"hash {hash}", check.Output);
    }

    [Fact]
    public void An_override_is_listed_with_its_file_and_shown_back()
    {
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "jobs-image");
        string changed = CliRunner.TempFile(builtIn.Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal)
            .Replace("\"sdxl\": 1.0", "\"sdxl\": 1.5", StringComparison.Ordinal));
        var image = CliRunner.Json("rules", "list", "--rules", changed).GetProperty("ruleSets").EnumerateArray()
            .Where(r => r.GetProperty("id").GetString() == "jobs-image").ToArray();
        var only = Assert.Single(image); // the document replaces every built-in version of its id
        Assert.Equal("2", only.GetProperty("version").GetString());
        Assert.Equal(changed, only.GetProperty("source").GetString());

        var (exit, shown, _) = CliRunner.Run("rules", "show", "--id", "jobs-image", "--rules", changed);
        Assert.Equal(0, exit);
        Assert.Contains("\"sdxl\": 1.5", shown);
        Assert.Contains(only.GetProperty("hash").GetString()!, CliRunner.Run("check", CliRunner.TempFile(shown)).Output);
    }

    [Fact]
    public void Show_picks_a_version_when_the_id_has_several()
    {
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "jobs-llm");
        string v1 = CliRunner.TempFile(builtIn);
        string v2 = CliRunner.TempFile(builtIn.Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal)
            .Replace("2000-01-01T00:00:00", "2020-01-01T00:00:00", StringComparison.Ordinal));
        var (exit, shown, error) = CliRunner.Run("rules", "show", "--id", "jobs-llm", "--rules", v1, "--rules", v2);
        Assert.Equal(0, exit);
        Assert.Contains("\"version\": \"2\"", shown); // the one in force now
        Assert.Contains("has 2 versions", error);
        var first = CliRunner.Run("rules", "show", "--id", "jobs-llm", "--rules", v1, "--rules", v2, "--version", "1");
        Assert.Contains("\"version\": \"1\"", first.Output);
        var missing = CliRunner.Run("rules", "show", "--id", "jobs-llm", "--version", "9");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("has no version '9' (versions: 1)", missing.Error);
    }

    [Fact]
    public void Show_of_an_unknown_id_lists_the_ids()
    {
        var (exit, _, error) = CliRunner.Run("rules", "show", "--id", "nope");
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring rules show: no rule set 'nope' is registered (rule sets: jobs-boosts, jobs-image, jobs-llm, pog-score, swarm-points).", error);
    }

    [Fact]
    public void The_gpu_config_is_listed_as_a_pog_score_override()
    {
        string yaml = CliRunner.TempFile("gpu_performance:\n  gpu_scores:\n    NVIDIA H200: 3.90\n", ".yaml");
        var pog = CliRunner.Json("rules", "list", "--gpu-config", yaml).GetProperty("ruleSets").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "pog-score");
        Assert.Equal(yaml, pog.GetProperty("source").GetString());
    }
}
