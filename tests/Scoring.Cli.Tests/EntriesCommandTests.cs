using System.Text.Json;

namespace Scoring.Cli.Tests;

public sealed class EntriesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-entries-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ScoredJobs()
    {
        string db = Path.Combine(_folder, "jobs.db");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"),
            "--holdings", CliRunner.Example("holdings.jsonl"), "--db", db, "--backend", "scalar");
        Assert.True(exit == 0, error);
        return db;
    }

    [Fact]
    public void Entries_say_why_a_job_earned_nothing()
    {
        var doc = CliRunner.Json("entries", "--account", "0xbob", "--db", ScoredJobs());
        var entries = doc.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["img-2", "llm-2"], entries.Select(e => e.GetProperty("reportId").GetString()));
        var image = entries[0];
        Assert.Equal("jobs.waifu", image.GetProperty("currency").GetString());
        Assert.Equal("2026-01-01T00:00:10Z", image.GetProperty("time").GetString());
        Assert.Equal("job", image.GetProperty("kind").GetString());
        Assert.Equal("0", image.GetProperty("amount").GetRawText());
        Assert.Equal("0 points: deadline (latencySeconds > deadlineSeconds)", image.GetProperty("reason").GetString());
        Assert.Equal("jobs-image", image.GetProperty("ruleSet").GetProperty("id").GetString());
        Assert.Equal("1", image.GetProperty("ruleSet").GetProperty("version").GetString());
        Assert.Equal("0.75", entries[1].GetProperty("amount").GetRawText());
        Assert.False(doc.GetProperty("more").GetBoolean());
    }

    [Fact]
    public void Boosts_and_slashes_carry_their_reasons()
    {
        string db = ScoredJobs();
        Assert.Equal(0, CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "0xalice", "--amount", "0.5", "--reason", "tampered metrics", "--operator", "ops", "--id", "T-9", "--db", db).Exit);
        var entries = CliRunner.Json("entries", "--account", "0xalice", "--db", db, "--scheme", "jobs.llama").GetProperty("entries").EnumerateArray().ToArray();
        Assert.All(entries, e => Assert.Equal("jobs.llama", e.GetProperty("currency").GetString()));
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == "boost" && e.GetProperty("reason").GetString()!.StartsWith("NFT x1.1", StringComparison.Ordinal));
        var slash = entries.Single(e => e.GetProperty("kind").GetString() == "slash");
        Assert.Equal("-0.5", slash.GetProperty("amount").GetRawText());
        Assert.Equal("tampered metrics", slash.GetProperty("reason").GetString());
        Assert.Equal("ops", slash.GetProperty("operator").GetString());
        Assert.False(slash.TryGetProperty("ruleSet", out _));
    }

    [Fact]
    public void A_scheme_selects_all_its_currencies_and_the_table_shows_the_reason()
    {
        string db = ScoredJobs();
        var all = CliRunner.Json("entries", "--account", "0xbob", "--db", db, "--scheme", "jobs").GetProperty("entries");
        Assert.Equal(2, all.GetArrayLength());
        var (exit, output, _) = CliRunner.Run("entries", "--account", "0xbob", "--db", db);
        Assert.Equal(0, exit);
        Assert.Contains("0 points: deadline (latencySeconds > deadlineSeconds)", output);
        Assert.Contains("jobs-image@1", output);
    }

    [Fact]
    public void A_hash_no_rule_set_in_force_has_is_shown_without_a_version_and_rules_name_it()
    {
        string db = Path.Combine(_folder, "custom.db");
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "jobs-llm");
        string custom = CliRunner.TempFile(builtIn.Replace("\"version\": \"1\"", "\"version\": \"5\"", StringComparison.Ordinal)
            .Replace("\"hermes-3-llama3.1-8b\": 0.5", "\"hermes-3-llama3.1-8b\": 0.6", StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.Run("score", "--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--rules", custom, "--db", db).Exit);

        var unknown = CliRunner.Json("entries", "--account", "0xbob", "--db", db, "--scheme", "jobs.llama").GetProperty("entries")[0].GetProperty("ruleSet");
        Assert.Equal("jobs-llm", unknown.GetProperty("id").GetString());
        Assert.False(unknown.TryGetProperty("version", out _));
        var named = CliRunner.Json("entries", "--account", "0xbob", "--db", db, "--scheme", "jobs.llama", "--rules", custom).GetProperty("entries")[0].GetProperty("ruleSet");
        Assert.Equal("5", named.GetProperty("version").GetString());
        Assert.Equal(unknown.GetProperty("hash").GetString(), named.GetProperty("hash").GetString());
    }

    [Fact]
    public void The_limit_says_when_there_are_more()
    {
        var doc = CliRunner.Json("entries", "--account", "0xalice", "--db", ScoredJobs(), "--limit", "1");
        Assert.Equal(1, doc.GetProperty("entries").GetArrayLength());
        Assert.True(doc.GetProperty("more").GetBoolean());
    }

    [Fact]
    public void An_account_without_entries_is_an_error()
    {
        var (exit, _, error) = CliRunner.Run("entries", "--account", "zed", "--db", ScoredJobs());
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring entries: account 'zed' has no entries in the ledger", error);
        var missing = CliRunner.Run("entries", "--account", "zed", "--db", Path.Combine(_folder, "none.db"));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("there is no ledger", missing.Error);
        Assert.False(File.Exists(Path.Combine(_folder, "none.db")));
    }
}
