using System.Text.Json;
using Scoring.Ledger;

namespace Scoring.Cli.Tests;

public sealed class LeaderboardCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> LedgerWith(params (string Account, long Units)[] credits)
    {
        string path = Path.Combine(_folder, "ledger.db");
        await using var ledger = await SqliteLedgerStore.OpenAsync(path);
        int i = 0;
        await ledger.AppendAsync(new LedgerBatch(credits.Select(c => new LedgerReport
        {
            Scheme = "test",
            ReportId = $"r{i++}",
            ReportTime = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600 + i),
            RuleSetId = "t",
            RuleSetHash = "h",
            Postings = [new LedgerPosting(c.Account, "p", "compute", Points.FromUnits(c.Units))],
        })));
        return path;
    }

    [Fact]
    public async Task Prints_ranked_rows_as_json()
    {
        string db = await LedgerWith(("alice", 1_500_000), ("bob", 2_000_000), ("alice", 1_000_000));
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", db, "--format", "json", "--as-of", "1767225700");
        Assert.True(exit == 0, error);
        var doc = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, doc.GetProperty("accounts").GetInt64());
        var rows = doc.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal("alice", rows[0].GetProperty("account").GetString());
        Assert.Equal("2.5", rows[0].GetProperty("score").GetRawText());
        Assert.Equal(2, rows[1].GetProperty("rank").GetInt64());
    }

    [Fact]
    public async Task Prints_a_table_with_the_dashboard_columns()
    {
        string db = await LedgerWith(("alice", 1_500_000));
        var (exit, output, _) = CliRunner.Run("leaderboard", "--db", db);
        Assert.Equal(0, exit);
        foreach (string column in new[] { "Rank", "Username", "Active time", "Joined", "Score", "Compute", "Status", "alice", "1.5" })
        {
            Assert.Contains(column, output);
        }
    }

    [Fact]
    public async Task Rows_carry_the_score_by_kind()
    {
        string db = await LedgerWith(("alice", 1_500_000));
        var row = JsonDocument.Parse(CliRunner.Run("leaderboard", "--db", db, "--format", "json").Output).RootElement.GetProperty("rows")[0];
        Assert.Equal("1.5", row.GetProperty("parts").GetProperty("compute").GetRawText());
        Assert.Equal(["compute"], row.GetProperty("parts").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_scheme_with_several_currencies_names_them()
    {
        var (exit, _, error) = CliRunner.Run("leaderboard", "--db", Path.Combine(_folder, "x.db"), "--scheme", "jobs");
        Assert.Equal(1, exit);
        Assert.Contains("the jobs scheme has several currencies (jobs.llama, jobs.waifu): rank one of them.", error);
    }

    [Fact]
    public async Task One_account_shows_its_rank()
    {
        string db = await LedgerWith(("alice", 1), ("bob", 2), ("carol", 3));
        var (exit, output, _) = CliRunner.Run("leaderboard", "--db", db, "--account", "alice", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal(3, JsonDocument.Parse(output).RootElement.GetProperty("rows")[0].GetProperty("rank").GetInt64());
    }

    [Theory]
    [InlineData("--top", "0", "--top must be at least 1")]
    [InlineData("--as-of", "yesterday", "is not a time")]
    public void Bad_arguments_fail_with_a_message(string option, string value, string message)
    {
        var (exit, _, error) = CliRunner.Run("leaderboard", "--db", Path.Combine(_folder, "x.db"), option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_missing_ledger_is_an_error_not_a_new_file()
    {
        string path = Path.Combine(_folder, "missing.db");
        var (exit, _, error) = CliRunner.Run("leaderboard", "--db", path);
        Assert.Equal(1, exit);
        Assert.Contains("there is no ledger", error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Unknown_account_is_an_error()
    {
        string db = await LedgerWith(("alice", 1));
        var (exit, _, error) = CliRunner.Run("leaderboard", "--db", db, "--account", "zed");
        Assert.Equal(1, exit);
        Assert.Contains("zed", error);
    }
}
