using System.Text.Json;

namespace Scoring.Cli.Tests;

public sealed class SlashAndDiffCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-slash-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Jobs()
    {
        string input = Path.Combine(_folder, "jobs.jsonl");
        File.WriteAllLines(input,
        [
            """{"type":"llm","jobId":"j1","minerId":"m1","wallet":"alice","model":"openhermes-mixtral-8x7b-gptq","inputTokens":3000,"outputTokens":1000,"gpuVramGb":80,"latencySeconds":1,"timestamp":1767225600}""",
            """{"type":"llm","jobId":"j2","minerId":"m2","wallet":"bob","model":"dolphin-2.9-llama3-8b","inputTokens":4000,"outputTokens":4000,"gpuVramGb":80,"latencySeconds":1,"timestamp":1767225601}""",
        ]);
        return input;
    }

    private static JsonElement Llama(string db)
    {
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", db, "--scheme", "jobs.llama", "--format", "json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("rows");
    }

    [Fact]
    public void A_slash_is_a_negative_entry_recorded_once_per_id()
    {
        string db = Path.Combine(_folder, "s.db");
        Assert.Equal(0, CliRunner.Run("score", "--scheme", "jobs", "--input", Jobs(), "--db", db, "--backend", "scalar").Exit);

        var (exit, output, error) = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "alice", "--amount", "1.5", "--reason", "tampered metrics", "--operator", "ops", "--id", "T-1", "--db", db);
        Assert.True(exit == 0, error);
        Assert.Contains("-1.5", output);
        var again = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "alice", "--amount", "1.5", "--reason", "tampered metrics", "--operator", "ops", "--id", "T-1", "--db", db);
        Assert.Contains("nothing changed", again.Output);

        var alice = Llama(db).EnumerateArray().Single(r => r.GetProperty("account").GetString() == "alice");
        Assert.Equal("2.5", alice.GetProperty("score").GetRawText());     // 4 - 1.5
        Assert.Equal("-1.5", alice.GetProperty("adjustments").GetRawText());
    }

    [Fact]
    public void An_epoch_slash_removes_what_the_account_earned_in_that_epoch()
    {
        string db = Path.Combine(_folder, "e.db");
        CliRunner.Run("score", "--scheme", "jobs", "--input", Jobs(), "--db", db, "--backend", "scalar");
        long epoch = 1767225600 / 86400;
        var (exit, _, error) = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "bob", "--epoch", epoch.ToString(), "--reason", "r", "--id", "T-2", "--db", db);
        Assert.True(exit == 0, error);
        var bob = Llama(db).EnumerateArray().Single(r => r.GetProperty("account").GetString() == "bob");
        Assert.Equal("0", bob.GetProperty("score").GetRawText());
        var twice = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "bob", "--epoch", epoch.ToString(), "--reason", "r", "--id", "T-3", "--db", db);
        Assert.Equal(1, twice.Exit);
        Assert.Contains("nothing to slash", twice.Error);
    }

    [Theory]
    [InlineData("--amount", "-3", "amount must be positive")]
    [InlineData("--amount", "1.0000001", "not an amount of points")]
    public void Bad_slashes_are_refused(string option, string value, string message)
    {
        string db = Path.Combine(_folder, "b.db");
        CliRunner.Run("score", "--scheme", "jobs", "--input", Jobs(), "--db", db, "--backend", "scalar");
        var (exit, _, error) = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "alice", option, value, "--reason", "r", "--id", "x", "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Diff_shows_both_scores_and_rank_changes_largest_movers_first()
    {
        string before = Path.Combine(_folder, "before.json");
        string after = Path.Combine(_folder, "after.json");
        File.WriteAllText(before, "{}");
        // Halve Mixtral: alice (4 points) falls below bob (4 points at 0.5 × 8000 tokens) → bob first.
        File.WriteAllText(after, """{ "Jobs": { "LlmModels": { "openhermes-mixtral-8x7b-gptq": { "Multiplier": 0.25, "MinVramGb": 40 } } } }""");
        var (exit, output, error) = CliRunner.Run("diff", "--scheme", "jobs", "--input", Jobs(), "--options", before, "--options", after, "--format", "json");
        Assert.True(exit == 0, error);
        var llama = JsonDocument.Parse(output).RootElement.GetProperty("currencies")[0];
        Assert.Equal("jobs.llama", llama.GetProperty("scheme").GetString());
        var first = llama.GetProperty("accounts")[0];
        Assert.Equal("alice", first.GetProperty("account").GetString());
        Assert.Equal("4", first.GetProperty("before").GetRawText());
        Assert.Equal("1", first.GetProperty("after").GetRawText());
        Assert.Equal("-3", first.GetProperty("change").GetRawText());
        Assert.Equal(-1, first.GetProperty("rankChange").GetInt64());
    }

    [Fact]
    public void Diff_needs_exactly_two_versions()
    {
        var (exit, _, error) = CliRunner.Run("diff", "--scheme", "jobs", "--input", Jobs(), "--rules", "a.json");
        Assert.Equal(1, exit);
        Assert.Contains("exactly two", error);
    }
}
