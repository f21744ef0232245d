using System.Text.Json;
using Scoring.Ledger;

namespace Scoring.Cli.Tests;

public sealed class LeaderboardCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<string> LedgerWith(params (string Account, long Units)[] credits) =>
        LedgerWith(credits.Select(c => ("swarm", c.Account, "compute", c.Units, 0L)).ToArray());

    private async Task<string> LedgerWith(params (string Currency, string Account, string Kind, long Units, long ActiveSeconds)[] credits)
    {
        string path = Path.Combine(_folder, "ledger.db");
        await using var ledger = await SqliteLedgerStore.OpenAsync(path);
        int i = 0;
        await ledger.AppendAsync(new LedgerBatch(credits.Select(c => new LedgerReport
        {
            Scheme = c.Currency,
            ReportId = $"r{i++}",
            ReportTime = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600 + i),
            RuleSetId = "t",
            RuleSetHash = "h",
            Postings = [new LedgerPosting(c.Account, "p", c.Kind, Points.FromUnits(c.Units)) { ActiveSeconds = c.ActiveSeconds }],
        })));
        return path;
    }

    [Fact]
    public async Task Prints_ranked_rows_as_json()
    {
        string db = await LedgerWith(("alice", 1_500_000), ("bob", 2_000_000), ("alice", 1_000_000));
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", db, "--scheme", "swarm", "--format", "json", "--as-of", "1767225700");
        Assert.True(exit == 0, error);
        var doc = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, doc.GetProperty("accounts").GetInt64());
        var rows = doc.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal("alice", rows[0].GetProperty("account").GetString());
        Assert.Equal("2.5", rows[0].GetProperty("score").GetRawText());
        Assert.Equal(2, rows[1].GetProperty("rank").GetInt64());
    }

    [Fact]
    public async Task Prints_a_table_with_the_dashboard_columns_and_utc_times()
    {
        string db = await LedgerWith(("swarm", "alice", "presence", 1_500_000, 5_400));
        var (exit, output, _) = CliRunner.Run("leaderboard", "--db", db, "--as-of", "2026-01-01T00:10:00Z");
        Assert.Equal(0, exit);
        Assert.True(TableText.HasRow(output, "Rank", "Username", "Active time", "Joined", "Score", "Compute", "Presence", "Status"), output);
        Assert.True(TableText.HasRow(output, "1", "alice", "1.50 h", "2026-01-01T00:00:01Z", "1.5", "0", "1.5", "offline"), output);
        Assert.Contains("1 of 1 accounts, as of 2026-01-01T00:10:00Z", output);
    }

    [Fact]
    public async Task A_currency_without_active_time_shows_no_active_time_column()
    {
        string db = await LedgerWith(("jobs.llama", "0xa", "job", 2_000_000, 0));
        var (exit, output, _) = CliRunner.Run("leaderboard", "--db", db, "--scheme", "jobs.llama");
        Assert.Equal(0, exit);
        Assert.True(TableText.HasRow(output, "Rank", "Username", "Joined", "Score", "Job", "Boost", "Status"), output);
        Assert.DoesNotContain("Active time", output);
        Assert.DoesNotContain("Compute", output);
    }

    [Fact]
    public async Task Without_a_scheme_each_currency_has_its_own_board_never_a_sum()
    {
        string db = await LedgerWith(("jobs.llama", "0xa", "job", 2_000_000, 0), ("jobs.waifu", "0xa", "job", 30_000_000, 0), ("swarm", "bob", "compute", 1_000_000, 0));
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", db);
        Assert.True(exit == 0, error);
        Assert.Contains("Llama points (jobs.llama", output);
        Assert.Contains("Waifu points (jobs.waifu", output);
        Assert.True(TableText.HasRow(output, "1", "0xa", "2026-01-01T00:00:01Z", "2"), output);
        Assert.True(TableText.HasRow(output, "1", "0xa", "2026-01-01T00:00:02Z", "30"), output);
        // no cell holds the two currencies' sum (the output's "as of" time may contain the digits)
        Assert.DoesNotContain(TableText.Rows(output).SelectMany(row => row), cell => cell == "32");

        var boards = CliRunner.Json("leaderboard", "--db", db).GetProperty("leaderboards").EnumerateArray()
            .ToDictionary(b => b.GetProperty("currency").GetString()!, b => b.GetProperty("leaderboard").GetProperty("rows")[0].GetProperty("score").GetRawText());
        Assert.Equal(new Dictionary<string, string> { ["swarm"] = "1", ["jobs.llama"] = "2", ["jobs.waifu"] = "30" }, boards);

        var alice = CliRunner.Json("leaderboard", "--db", db, "--account", "0xa").GetProperty("leaderboards");
        Assert.Equal(["jobs.llama", "jobs.waifu"], alice.EnumerateArray().Select(b => b.GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task An_unknown_currency_is_an_error_naming_the_currencies()
    {
        string db = await LedgerWith(("alice", 1));
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", db, "--scheme", "foo");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal($"scoring leaderboard: no currency 'foo' in the ledger '{db}' (currencies: swarm, jobs.llama, jobs.waifu).", error.Trim());
    }

    [Fact]
    public async Task A_currency_of_a_scheme_not_loaded_is_still_ranked_by_name()
    {
        string db = await LedgerWith(("uptime", "alice", "uptime", 3_000_000, 0));
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", db, "--scheme", "uptime");
        Assert.True(exit == 0, error);
        Assert.True(TableText.HasRow(output, "1", "alice"), output);
        var (_, all, _) = CliRunner.Run("leaderboard", "--db", db);
        Assert.Contains("no entries of a loaded scheme's currency", all);
    }

    [Fact]
    public async Task Rows_carry_the_score_by_kind()
    {
        string db = await LedgerWith(("alice", 1_500_000));
        var row = CliRunner.Json("leaderboard", "--db", db, "--scheme", "swarm").GetProperty("rows")[0];
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
        var rows = CliRunner.Json("leaderboard", "--db", db, "--scheme", "swarm", "--account", "alice").GetProperty("rows");
        Assert.Equal(3, rows[0].GetProperty("rank").GetInt64());
    }

    [Theory]
    [InlineData("--top", "0", "--top must be at least 1")]
    [InlineData("--as-of", "yesterday", "is not a time")]
    [InlineData("--top", "9e12", "Cannot parse argument '9e12' for option '--top'")]
    public void Bad_arguments_are_one_line_without_the_help(string option, string value, string message)
    {
        var (exit, output, error) = CliRunner.Run("leaderboard", "--db", Path.Combine(_folder, "x.db"), option, value);
        Assert.Equal(ScoringCommandLine.UsageError, exit);
        Assert.Equal("", output);
        Assert.StartsWith("scoring leaderboard: ", error);
        Assert.Contains(message, error);
        Assert.EndsWith("('scoring leaderboard --help' lists the options.)", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
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
