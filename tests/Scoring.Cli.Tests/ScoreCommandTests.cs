using System.Text.Json;

namespace Scoring.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-score-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Db(string name) => Path.Combine(_folder, name);

    private static JsonElement Score(params string[] args) => CliRunner.Json(["score", .. args, "--backend", "scalar"]);

    [Fact]
    public void Swarm_worked_example_gives_alice_7_05_and_bob_2()
    {
        var result = Score("--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", Db("ex-swarm.db"));
        var rows = CliRunner.Rows(result, "swarm");
        Assert.Equal(new Dictionary<string, string> { ["alice"] = "7.05", ["bob"] = "2" }, CliRunner.Scores(rows));
        Assert.Equal("7", rows[0].GetProperty("parts").GetProperty("compute").GetRawText());
        Assert.Equal("0.05", rows[0].GetProperty("parts").GetProperty("presence").GetRawText());
        Assert.Equal(180, rows[0].GetProperty("activeSeconds").GetInt64());
        Assert.Equal(["compute", "presence"], result.GetProperty("leaderboards")[0].GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("swarm-points", result.GetProperty("ruleSets")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void Jobs_worked_example_gives_the_readme_waifu_and_llama_points()
    {
        var result = Score("--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--holdings", CliRunner.Example("holdings.jsonl"), "--db", Db("ex-jobs.db"));
        Assert.Equal(new Dictionary<string, string> { ["0xalice"] = "34.603008", ["0xbob"] = "0" }, CliRunner.Scores(CliRunner.Rows(result, "jobs.waifu")));
        Assert.Equal(new Dictionary<string, string> { ["0xalice"] = "2.2", ["0xbob"] = "0.75" }, CliRunner.Scores(CliRunner.Rows(result, "jobs.llama")));
        Assert.Equal("3.145728", CliRunner.Rows(result, "jobs.waifu")[0].GetProperty("parts").GetProperty("boost").GetRawText());
        Assert.Equal(["jobs-image", "jobs-llm", "jobs-boosts"], result.GetProperty("ruleSets").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public void Holdings_is_the_same_as_setting_the_holdings_path()
    {
        var alias = Score("--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--holdings", CliRunner.Example("holdings.jsonl"), "--db", Db("h1.db"));
        var set = Score("--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--set", $"Jobs:HoldingsPath={CliRunner.Example("holdings.jsonl")}", "--db", Db("h2.db"));
        var none = Score("--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--db", Db("h3.db"));
        Assert.Equal(CliRunner.Scores(CliRunner.Rows(alias, "jobs.waifu")), CliRunner.Scores(CliRunner.Rows(set, "jobs.waifu")));
        Assert.Equal("31.45728", CliRunner.Scores(CliRunner.Rows(none, "jobs.waifu"))["0xalice"]); // no NFT, no boost
    }

    [Fact]
    public void Pog_worked_example_gives_the_readme_weights_and_u16()
    {
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "pog", "--input", CliRunner.Example("pog.jsonl"), "--format", "json", "--backend", "scalar");
        Assert.True(exit == 0, error);
        var weights = JsonDocument.Parse(output).RootElement.GetProperty("weights");
        Assert.Equal(["0.92378753", "0.07621247", "0"], weights.GetProperty("weights").EnumerateArray().Select(w => w.GetRawText()));
        Assert.Equal([0, 1], weights.GetProperty("emit").GetProperty("uids").EnumerateArray().Select(u => u.GetInt32()));
        Assert.Equal([65535, 5407], weights.GetProperty("emit").GetProperty("values").EnumerateArray().Select(u => u.GetInt32()));
    }

    [Fact]
    public void Scoring_twice_finds_only_duplicates_and_changes_no_total()
    {
        string db = Db("twice.db");
        var first = Score("--scheme", "swarm", "--input", CliRunner.Data("swarm.jsonl"), "--db", db, "--top", "5");
        var second = Score("--scheme", "swarm", "--input", CliRunner.Data("swarm.jsonl"), "--db", db, "--top", "5");

        var counts = first.GetProperty("counts");
        long scored = counts.GetProperty("scored").GetInt64();
        Assert.Equal(counts.GetProperty("read").GetInt64(), scored + counts.GetProperty("rejected").GetInt64()
            + counts.GetProperty("duplicates").GetInt64() + counts.GetProperty("conflicts").GetInt64() + counts.GetProperty("late").GetInt64());
        Assert.True(scored > 4000);
        var again = second.GetProperty("counts");
        Assert.Equal(0, again.GetProperty("scored").GetInt64());
        Assert.Equal(0, again.GetProperty("entries").GetInt64());
        Assert.Equal(scored, again.GetProperty("duplicates").GetInt64());
        Assert.Equal(CliRunner.Rows(first, "swarm").GetRawText(), CliRunner.Rows(second, "swarm").GetRawText());
        var top = CliRunner.Rows(first, "swarm")[0];
        Assert.Equal(1, top.GetProperty("rank").GetInt64());
        Assert.Equal(top.GetProperty("parts").EnumerateObject().Sum(p => p.Value.GetDecimal()), top.GetProperty("score").GetDecimal());
    }

    [Fact]
    public void Two_parts_with_keep_open_on_the_first_equal_one_run()
    {
        string[] lines = File.ReadAllLines(CliRunner.Data("swarm.jsonl"));
        string firstHalf = CliRunner.TempFile(string.Join('\n', lines[..(lines.Length / 2)]) + "\n", ".jsonl");
        string secondHalf = CliRunner.TempFile(string.Join('\n', lines[(lines.Length / 2)..]) + "\n", ".jsonl");
        var whole = Score("--scheme", "swarm", "--input", CliRunner.Data("swarm.jsonl"), "--db", Db("whole.db"), "--top", "1000");

        string split = Db("split.db");
        var part1 = Score("--scheme", "swarm", "--input", firstHalf, "--db", split, "--keep-open");
        var part2 = Score("--scheme", "swarm", "--input", secondHalf, "--db", split, "--top", "1000");
        Assert.False(part1.GetProperty("settled").GetBoolean());
        Assert.True(part2.GetProperty("settled").GetBoolean());
        Assert.Equal(0, part2.GetProperty("counts").GetProperty("late").GetInt64());
        Assert.Equal(CliRunner.Rows(whole, "swarm").GetRawText(), CliRunner.Rows(part2, "swarm").GetRawText());
    }

    [Fact]
    public void Settling_the_first_part_makes_reports_before_its_end_late()
    {
        // Without --keep-open the first part is the whole input: the second part's reports inside the window are late.
        string[] lines = File.ReadAllLines(CliRunner.Example("swarm.jsonl"));
        string db = Db("late.db");
        Score("--scheme", "swarm", "--input", CliRunner.TempFile(lines[4] + "\n", ".jsonl"), "--db", db);
        var second = Score("--scheme", "swarm", "--input", CliRunner.TempFile(lines[1] + "\n", ".jsonl"), "--db", db);
        Assert.Equal(1, second.GetProperty("counts").GetProperty("late").GetInt64());
    }

    [Fact]
    public void The_same_id_with_other_content_is_a_conflict_not_a_duplicate()
    {
        string db = Db("conflict.db");
        string line = """{"type":"llm","jobId":"j1","minerId":"m1","wallet":"w1","model":"openhermes-mixtral-8x7b-gptq","inputTokens":1500,"outputTokens":500,"gpuVramGb":80,"latencySeconds":1,"timestamp":1767225600}""";
        Score("--scheme", "jobs", "--input", CliRunner.TempFile(line + "\n", ".jsonl"), "--db", db);
        string rejects = Path.Combine(_folder, "conflicts.jsonl");
        var second = Score("--scheme", "jobs", "--input", CliRunner.TempFile(line + "\n" + line.Replace("1500", "9500", StringComparison.Ordinal) + "\n", ".jsonl"),
            "--db", db, "--rejects", rejects);
        var counts = second.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("duplicates").GetInt64());
        Assert.Equal(1, counts.GetProperty("conflicts").GetInt64());
        Assert.Equal(0, counts.GetProperty("scored").GetInt64());
        Assert.Equal("2", CliRunner.Scores(CliRunner.Rows(second, "jobs.llama"))["w1"]);
        var reject = JsonDocument.Parse(File.ReadAllLines(rejects).Single()).RootElement;
        Assert.Equal(2, reject.GetProperty("line").GetInt64());
    }

    [Fact]
    public void Jobs_write_two_currencies_and_rejects_go_to_the_rejects_file()
    {
        string rejects = Path.Combine(_folder, "rejects.jsonl");
        var result = Score("--scheme", "jobs", "--input", CliRunner.Data("jobs-bad-lines.jsonl"), "--db", Db("jobs.db"), "--rejects", rejects);

        var counts = result.GetProperty("counts");
        Assert.Equal(10, counts.GetProperty("rejected").GetInt64());
        Assert.Equal(40, counts.GetProperty("scored").GetInt64());
        Assert.Equal(["jobs.llama", "jobs.waifu"], result.GetProperty("leaderboards").EnumerateArray().Select(b => b.GetProperty("currency").GetString()));

        var lines = File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.True(l.GetProperty("line").GetInt64() > 0 && l.GetProperty("reason").GetString()!.Length > 0));
        Assert.Equal(lines.Select(l => l.GetProperty("line").GetInt64()).Order(), lines.Select(l => l.GetProperty("line").GetInt64()));
    }

    [Fact]
    public void An_unknown_model_is_rejected_with_its_name_and_a_zero_point_job_is_recorded()
    {
        string input = Path.Combine(_folder, "jobs.jsonl");
        File.WriteAllLines(input,
        [
            """{"type":"llm","jobId":"j1","minerId":"m1","wallet":"w1","model":"gpt-x","inputTokens":10,"outputTokens":10,"gpuVramGb":80,"latencySeconds":1,"timestamp":1767225600}""",
            """{"type":"llm","jobId":"j2","minerId":"m1","wallet":"w1","model":"openhermes-mixtral-8x7b-gptq","inputTokens":1500,"outputTokens":500,"gpuVramGb":80,"latencySeconds":1,"timestamp":1767225601}""",
            """{"type":"llm","jobId":"j3","minerId":"m2","wallet":"w2","model":"dolphin-2.9-llama3-8b","inputTokens":1000,"outputTokens":1000,"gpuVramGb":16,"latencySeconds":1,"timestamp":1767225602}""",
        ]);
        string rejects = Path.Combine(_folder, "r.jsonl");
        var result = Score("--scheme", "jobs", "--input", input, "--db", Db("j.db"), "--rejects", rejects);

        var reject = JsonDocument.Parse(File.ReadAllLines(rejects).Single()).RootElement;
        Assert.Equal(1, reject.GetProperty("line").GetInt64());
        Assert.Equal("$.model", reject.GetProperty("field").GetString());
        Assert.Contains("gpt-x", reject.GetProperty("reason").GetString());

        var llama = CliRunner.Rows(result, "jobs.llama");
        Assert.Equal("w1", llama[0].GetProperty("account").GetString());
        Assert.Equal("2", llama[0].GetProperty("score").GetRawText()); // (1500 + 500) / 1000 × 1
        Assert.Equal("0", llama[1].GetProperty("score").GetRawText());  // 16 GB is below the 24 GB minimum
    }

    [Fact]
    public void A_rules_override_of_swarm_points_changes_the_points()
    {
        var (exit, builtIn, _) = CliRunner.Run("rules", "show", "--id", "swarm-points");
        Assert.Equal(0, exit);
        string doubled = CliRunner.TempFile(builtIn
            .Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal)
            .Replace("\"presencePointsPerHour\": 1.0", "\"presencePointsPerHour\": 2.0", StringComparison.Ordinal));
        var result = Score("--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", Db("override.db"), "--rules", doubled);
        Assert.Equal("7.1", CliRunner.Scores(CliRunner.Rows(result, "swarm"))["alice"]); // 7 compute + 0.05 h × 2
        Assert.Equal("2", result.GetProperty("ruleSets")[0].GetProperty("version").GetString());
    }

    [Fact]
    public void Custom_rules_replace_the_built_in_version_and_bad_rules_fail_with_positions()
    {
        string input = Path.Combine(_folder, "img.jsonl");
        File.WriteAllText(input, """{"type":"image","jobId":"i1","minerId":"m","wallet":"w","category":"sdxl","width":1000,"height":1000,"steps":10,"gpuVramGb":24,"latencySeconds":2,"timestamp":1767225600}""" + "\n");
        string rules = Path.Combine(_folder, "image.rules.json");
        File.WriteAllText(rules, """
            {
              "id": "jobs-image", "version": 7, "effectiveFrom": "2020-01-01T00:00:00Z",
              "inputs": { "width": "int", "height": "int", "steps": "int" },
              "rules": [ { "name": "flat", "set": { "points": "width * height * steps * 2e-6" } } ],
              "output": "points"
            }
            """);
        var result = Score("--scheme", "jobs", "--input", input, "--rules", rules, "--db", Db("c.db"));
        Assert.Equal("20", CliRunner.Rows(result, "jobs.waifu")[0].GetProperty("score").GetRawText());
        Assert.Contains(result.GetProperty("ruleSets").EnumerateArray(), r => r.GetProperty("version").GetString() == "7");

        File.WriteAllText(rules, """{ "id": "jobs-image", "version": 8, "effectiveFrom": "2020-01-01T00:00:00Z", "rules": [ { "name": "x", "set": { "points": "nope + 1" } } ], "output": "points" }""");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "jobs", "--input", input, "--rules", rules, "--db", Db("d.db"));
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring score: ", error);
        Assert.Contains("image.rules.json:1:", error);
        Assert.Contains("nope", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_rule_set_the_scheme_cannot_use_is_refused_before_the_ledger_is_created()
    {
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "swarm-points");
        string wrongOutput = CliRunner.TempFile(builtIn.Replace("\"presence\": \"points\"", "\"presence\": \"double\"", StringComparison.Ordinal)
            .Replace("\"version\": \"1\"", "\"version\": \"9\"", StringComparison.Ordinal));
        string db = Db("wrong-output.db");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--rules", wrongOutput, "--db", db);
        Assert.Equal(1, exit);
        Assert.Contains("swarm-points@9 must have a points output 'presence'", error);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void A_rule_set_of_another_scheme_or_of_no_scheme_is_refused()
    {
        var (_, pog, _) = CliRunner.Run("rules", "show", "--id", "pog-score");
        var other = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--rules", CliRunner.TempFile(pog), "--db", Db("o.db"));
        Assert.Equal(1, other.Exit);
        Assert.Contains("belongs to the pog scheme, not swarm", other.Error);

        string unknown = CliRunner.TempFile(pog.Replace("\"id\": \"pog-score\"", "\"id\": \"mystery\"", StringComparison.Ordinal));
        var none = CliRunner.Run("score", "--scheme", "pog", "--input", CliRunner.Example("pog.jsonl"), "--rules", unknown);
        Assert.Equal(1, none.Exit);
        Assert.Contains("'mystery' is not used by any registered scheme", none.Error);
        Assert.Contains("swarm-points", none.Error);
    }

    [Fact]
    public void An_unknown_scheme_lists_the_registered_ones()
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "video", "--input", "x");
        Assert.Equal(1, exit);
        Assert.Equal("scoring score: unknown scheme 'video'; registered schemes: swarm, jobs, pog.", error.Trim());
    }

    [Fact]
    public void A_missing_input_is_one_line()
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", "/no/such/file.jsonl", "--db", Db("e.db"));
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring score: cannot read '/no/such/file.jsonl'", error);
    }

    [Fact]
    public void Options_are_validated_by_key_and_a_misspelt_key_is_refused()
    {
        var invalid = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"),
            "--options", CliRunner.TempFile("""{ "Swarm": { "PeerCap": 0 } }"""), "--db", Db("f.db"));
        Assert.Equal(1, invalid.Exit);
        Assert.Equal("scoring score: Swarm:PeerCap must be at least 1 (got 0).", invalid.Error.Trim());

        var misspelt = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"),
            "--options", CliRunner.TempFile("""{ "PeerCapp": 3 }"""), "--db", Db("g.db"));
        Assert.Equal(1, misspelt.Exit);
        Assert.Contains("'Scoring:Swarm:PeerCapp' is not a setting of the swarm scheme", misspelt.Error);

        var set = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--set", "Swarm:PeerCap=0", "--db", Db("h.db"));
        Assert.Equal(1, set.Exit);
        Assert.Contains("Swarm:PeerCap must be at least 1", set.Error);

        var notKeyValue = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--set", "PeerCap", "--db", Db("i.db"));
        Assert.Equal(1, notKeyValue.Exit);
        Assert.Contains("must be KEY=VALUE", notKeyValue.Error);
    }

    [Theory]
    [InlineData("""{ "Swarm": { "PeerCap": 3 } }""")]
    [InlineData("""{ "Scoring": { "Swarm": { "PeerCap": 3 } } }""")]
    [InlineData("""{ "PeerCap": 3 }""")]
    public void An_options_file_is_the_section_or_the_whole_file(string json)
    {
        // With three peers counted, alice's third peer earns its 5 PFLOP.
        var result = Score("--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--options", CliRunner.TempFile(json), "--db", Db($"{Guid.NewGuid():N}.db"));
        Assert.Equal("12.058333", CliRunner.Scores(CliRunner.Rows(result, "swarm"))["alice"]);
    }

    [Fact]
    public void An_options_file_written_for_another_scheme_is_refused()
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"),
            "--options", CliRunner.TempFile("""{ "Jobs": { "EpochGrace": "00:30:00" } }"""), "--db", Db("j.db"));
        Assert.Equal(1, exit);
        Assert.Contains("has the jobs scheme's 'Scoring:Jobs' section and no 'Swarm' section", error);

        var broken = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"),
            "--options", CliRunner.TempFile("""{ "Swarm": { """), "--db", Db("l.db"));
        Assert.Equal(1, broken.Exit);
        Assert.Contains("is not a valid JSON options file", broken.Error);
        Assert.Single(broken.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Weight_options_are_refused_for_a_points_scheme()
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--burn-uid", "0", "--db", Db("k.db"));
        Assert.Equal(1, exit);
        Assert.Contains("--burn-uid and --max-weight are for weights schemes", error);
    }

    [Fact]
    public void Lone_surrogates_are_rejected_lines_not_a_crash()
    {
        string input = Path.Combine(_folder, "surrogates.jsonl");
        // Two escaped lone surrogates, then one encoded as raw bytes (CESU-8 style ED A0 80: not UTF-8).
        byte[] text = System.Text.Encoding.UTF8.GetBytes(
            """{"type":"swarm","peerId":"p\ud800","account":"alice","cumulativeFlops":0,"timestamp":1767225600}""" + "\n" +
            """{"type":"swarm","peerId":"p1","account":"al\udc00ice","cumulativeFlops":0,"timestamp":1767225600}""" + "\n" +
            """{"type":"swarm","peerId":"p2","account":"x?","cumulativeFlops":0,"timestamp":1767225600}""" + "\n");
        int mark = Array.LastIndexOf(text, (byte)'?');
        File.WriteAllBytes(input, [.. text[..mark], 0xED, 0xA0, 0x80, .. text[(mark + 1)..]]);
        string rejects = Path.Combine(_folder, "surrogates-rejects.jsonl");
        var result = Score("--scheme", "swarm", "--input", input, "--db", Db("s.db"), "--rejects", rejects);
        Assert.Equal(3, result.GetProperty("counts").GetProperty("rejected").GetInt64());
        Assert.Equal(["$.peerId", "$.account", "$.account"], File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("field").GetString()));
    }

    [Fact]
    public void An_unwritable_rejects_file_is_one_line()
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", Db("r.db"),
            "--rejects", Path.Combine(_folder, "no", "such", "folder", "rejects.jsonl"));
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring score: cannot write the rejects file", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_file_that_is_not_a_ledger_is_one_line()
    {
        string db = Path.Combine(_folder, "not-a-ledger.db");
        File.WriteAllText(db, "this is not a SQLite database, just text long enough to have a header page.........................................");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", db);
        Assert.Equal(1, exit);
        Assert.StartsWith($"scoring score: cannot open the ledger '{db}'", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_unreachable_postgres_ledger_is_one_line_without_the_password()
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"),
            "--db", "postgres://scoring:secret@127.0.0.1:1/ledger");
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring score: cannot open the ledger 'postgres://scoring:***@127.0.0.1:1/ledger'", error);
        Assert.DoesNotContain("secret", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_device_with_a_cpu_backend_is_refused_before_anything_is_written()
    {
        string db = Db("device.db");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", db, "--backend", "simd", "--device", "0");
        Assert.Equal(1, exit);
        Assert.Contains("--device 0 selects an OpenCL device", error);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void The_summary_counts_lines_and_entries_apart_and_gives_the_rate()
    {
        // Holdings give 0xalice's image jobs a boost: more ledger entries than lines scored.
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--holdings", CliRunner.Example("holdings.jsonl"),
            "--db", Db("summary.db"), "--backend", "scalar");
        Assert.True(exit == 0, error);
        Assert.Equal("", error); // no progress bar when output is captured
        Assert.True(TableText.HasRow(output, "lines read", "4"), output);
        Assert.True(TableText.HasRow(output, "scored (new)", "4"), output);
        var entries = TableText.Rows(output).Single(r => r[0].StartsWith("ledger entries written", StringComparison.Ordinal));
        Assert.True(long.Parse(entries[1], System.Globalization.CultureInfo.InvariantCulture) > 4, output);
        Assert.Contains(TableText.Rows(output), r => r[0] == "rate (lines read per second)" && r[1].EndsWith(" reports/s", StringComparison.Ordinal));

        var json = Score("--scheme", "jobs", "--input", CliRunner.Example("jobs.jsonl"), "--holdings", CliRunner.Example("holdings.jsonl"), "--db", Db("summary-json.db"));
        var counts = json.GetProperty("counts");
        Assert.Equal(4, counts.GetProperty("read").GetInt64());
        Assert.Equal(4, counts.GetProperty("scored").GetInt64());
        Assert.True(counts.GetProperty("entries").GetInt64() > 4);
        Assert.True(json.GetProperty("reportsPerSecond").GetDouble() >= 0);
    }

    [Fact]
    public void The_rejects_hint_names_the_option_or_the_file_and_raw_stays_readable()
    {
        string input = Path.Combine(_folder, "hostile.jsonl");
        File.WriteAllText(input, File.ReadAllText(CliRunner.Example("swarm.jsonl")) + "\n" + """{"type":"swarm","peerId":"<script>'x'</script>","account":"a\"b"}""" + "\n");

        var (exit, output, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", input, "--db", Db("hint.db"), "--backend", "scalar");
        Assert.True(exit == 0, error);
        Assert.Contains("1 lines were refused; give --rejects FILE to keep each with its line, field and reason", Words(output));

        string rejects = Path.Combine(_folder, "hostile-rejects.jsonl");
        var named = CliRunner.Run("score", "--scheme", "swarm", "--input", input, "--db", Db("hint2.db"), "--backend", "scalar", "--rejects", rejects, "--format", "json");
        Assert.True(named.Exit == 0, named.Error);
        Assert.Equal(rejects, JsonDocument.Parse(named.Output).RootElement.GetProperty("rejects").GetString());
        string line = File.ReadAllLines(rejects).Single();
        Assert.Contains("""<script>'x'</script>""", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", line, StringComparison.Ordinal);
        Assert.Equal("""{"type":"swarm","peerId":"<script>'x'</script>","account":"a\"b"}""", JsonDocument.Parse(line).RootElement.GetProperty("raw").GetString());

        var table = CliRunner.Run("score", "--scheme", "swarm", "--input", input, "--db", Db("hint3.db"), "--backend", "scalar", "--rejects", rejects);
        Assert.Contains($"were appended to {rejects}", Words(table.Output), StringComparison.Ordinal);
    }

    /// <summary>Text with every run of white space as one space: a caption wraps and is centred.</summary>
    private static string Words(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
