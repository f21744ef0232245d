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
        Assert.Equal("-1.5", alice.GetProperty("parts").GetProperty("slash").GetRawText());
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
    [InlineData("--epoch", "1767225600", "--epoch 1767225600 is out of range: its start is not a time the ledger can hold.")]
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
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "jobs-llm");
        string before = CliRunner.TempFile(builtIn);
        // Quarter Mixtral: alice (4 points) falls below bob (4 points at 0.5 × 8000 tokens) → bob first.
        string after = CliRunner.TempFile(builtIn.Replace("\"openhermes-mixtral-8x7b-gptq\": 1.0", "\"openhermes-mixtral-8x7b-gptq\": 0.25", StringComparison.Ordinal)
            .Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run("diff", "--scheme", "jobs", "--input", Jobs(), "--rules", before, "--rules", after, "--format", "json");
        Assert.True(exit == 0, error);
        var llama = JsonDocument.Parse(output).RootElement.GetProperty("currencies")[0];
        Assert.Equal("jobs.llama", llama.GetProperty("currency").GetString());
        var first = llama.GetProperty("accounts")[0];
        Assert.Equal("alice", first.GetProperty("account").GetString());
        Assert.Equal("4", first.GetProperty("before").GetRawText());
        Assert.Equal("1", first.GetProperty("after").GetRawText());
        Assert.Equal("-3", first.GetProperty("change").GetRawText());
        Assert.Equal(-1, first.GetProperty("rankChange").GetInt64());
    }

    [Fact]
    public void Diff_of_two_options_files_shows_the_peer_cap_change()
    {
        string before = CliRunner.TempFile("{}");
        string after = CliRunner.TempFile("""{ "Swarm": { "PeerCap": 3 } }""");
        var (exit, output, error) = CliRunner.Run("diff", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--options", before, "--options", after);
        Assert.True(exit == 0, error);
        Assert.Contains("Diff: swarm", output);
        Assert.Contains("12.058333", output);
        Assert.Contains("+5.008333", output);

        var bad = CliRunner.Run("diff", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--options", before, "--options", CliRunner.TempFile("""{ "PeerCap": 0 }"""));
        Assert.Equal(1, bad.Exit);
        Assert.StartsWith("scoring diff: after: ", bad.Error);
    }

    [Fact]
    public void Diff_of_a_weights_scheme_shows_score_weight_and_u16_per_uid()
    {
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "pog-score");
        string before = CliRunner.TempFile(builtIn);
        // A B200 is worth half as much: uid 0 falls, uid 1 (an H100) takes a larger share.
        string after = CliRunner.TempFile(builtIn.Replace("\"NVIDIA B200\": 5.0", "\"NVIDIA B200\": 2.5", StringComparison.Ordinal)
            .Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run("diff", "--scheme", "pog", "--input", CliRunner.Example("pog.jsonl"), "--rules", before, "--rules", after, "--format", "json");
        Assert.True(exit == 0, error);
        var uids = JsonDocument.Parse(output).RootElement.GetProperty("uids").EnumerateArray().ToArray();
        Assert.Equal([1, 0, 2], uids.Select(u => u.GetProperty("uid").GetInt32()));
        Assert.Equal("0.07621247", uids[0].GetProperty("weightBefore").GetRawText());
        Assert.Equal(5407, uids[0].GetProperty("u16Before").GetInt32());
        Assert.True(uids[0].GetProperty("u16After").GetInt32() > 5407);
        Assert.Equal("1", uids[1].GetProperty("scoreBefore").GetRawText());
        Assert.Equal(65535, uids[1].GetProperty("u16After").GetInt32());
        Assert.False(uids[2].TryGetProperty("u16Before", out _)); // penalized: dropped from the emission on both sides

        var table = CliRunner.Run("diff", "--scheme", "pog", "--input", CliRunner.Example("pog.jsonl"), "--rules", before, "--rules", after);
        Assert.Contains("Weight before", table.Output);
        Assert.Contains("0.92378753", table.Output);
    }

    [Fact]
    public void Diff_needs_exactly_two_versions()
    {
        var (exit, _, error) = CliRunner.Run("diff", "--scheme", "jobs", "--input", Jobs(), "--rules", "a.json");
        Assert.Equal(1, exit);
        Assert.Contains("exactly two", error);
    }

    [Fact]
    public void A_slash_of_an_unknown_currency_or_a_reused_id_is_refused()
    {
        string db = Path.Combine(_folder, "u.db");
        CliRunner.Run("score", "--scheme", "jobs", "--input", Jobs(), "--db", db, "--backend", "scalar");
        var unknown = CliRunner.Run("slash", "--scheme", "jobs.lama", "--account", "alice", "--amount", "1", "--reason", "r", "--id", "x", "--db", db);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("'jobs.lama' is not a currency of a registered scheme (currencies: swarm, jobs.llama, jobs.waifu)", unknown.Error);

        Assert.Equal(0, CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "alice", "--amount", "1", "--reason", "r", "--id", "T-5", "--db", db).Exit);
        var reused = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "alice", "--amount", "2", "--reason", "r", "--id", "T-5", "--db", db);
        Assert.Equal(1, reused.Exit);
        Assert.Contains("slash id 'T-5' was used before for another slash", reused.Error);
    }

    [Fact]
    public void A_slash_of_an_account_without_entries_needs_allow_new_account()
    {
        string db = Path.Combine(_folder, "n.db");
        CliRunner.Run("score", "--scheme", "jobs", "--input", Jobs(), "--db", db, "--backend", "scalar");
        var typo = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "nobody-at-all", "--amount", "1", "--reason", "r", "--id", "N-1", "--db", db);
        Assert.Equal(1, typo.Exit);
        Assert.Equal("scoring slash: account 'nobody-at-all' has no entries in jobs.llama: check the name, or give --allow-new-account to slash it anyway.", typo.Error.Trim());
        Assert.DoesNotContain(Llama(db).EnumerateArray(), r => r.GetProperty("account").GetString() == "nobody-at-all");

        var (exit, _, error) = CliRunner.Run("slash", "--scheme", "jobs.llama", "--account", "nobody-at-all", "--amount", "1", "--reason", "r", "--id", "N-1", "--db", db, "--allow-new-account");
        Assert.True(exit == 0, error);
        var slashed = Llama(db).EnumerateArray().Single(r => r.GetProperty("account").GetString() == "nobody-at-all");
        Assert.Equal("-1", slashed.GetProperty("score").GetRawText());
    }
}
