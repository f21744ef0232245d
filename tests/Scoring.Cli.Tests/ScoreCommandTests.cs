using System.Text.Json;

namespace Scoring.Cli.Tests;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-score-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Data(string name)
    {
        // The bundled data sets, found from the test binary's folder up to the repository root.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"samples/data/{name} not found above {AppContext.BaseDirectory}");
    }

    private JsonElement Score(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(["score", .. args, "--format", "json", "--backend", "scalar"]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void Swarm_scores_the_bundled_data_and_a_second_run_finds_only_duplicates()
    {
        string db = Path.Combine(_folder, "swarm.db");
        var first = Score("--scheme", "swarm", "--input", Data("swarm.jsonl"), "--db", db, "--top", "5");
        var second = Score("--scheme", "swarm", "--input", Data("swarm.jsonl"), "--db", db, "--top", "5");

        var counts = first.GetProperty("counts");
        Assert.Equal(counts.GetProperty("read").GetInt64(), counts.GetProperty("scored").GetInt64() + counts.GetProperty("rejected").GetInt64());
        Assert.True(counts.GetProperty("scored").GetInt64() > 4000);
        Assert.Equal(0, second.GetProperty("counts").GetProperty("scored").GetInt64());
        Assert.Equal(counts.GetProperty("scored").GetInt64(), second.GetProperty("counts").GetProperty("duplicates").GetInt64());

        // Same leaderboard after the replay: nothing doubled.
        var rowsFirst = first.GetProperty("leaderboards")[0].GetProperty("leaderboard").GetProperty("rows").GetRawText();
        var rowsSecond = second.GetProperty("leaderboards")[0].GetProperty("leaderboard").GetProperty("rows").GetRawText();
        Assert.Equal(rowsFirst, rowsSecond);
        var top = first.GetProperty("leaderboards")[0].GetProperty("leaderboard").GetProperty("rows")[0];
        Assert.Equal(1, top.GetProperty("rank").GetInt64());
        Assert.Equal(
            top.GetProperty("compute").GetDecimal() + top.GetProperty("presence").GetDecimal(),
            top.GetProperty("score").GetDecimal());
        Assert.Equal("swarm-accrual", first.GetProperty("ruleSets")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void Jobs_write_two_currencies_and_rejects_go_to_the_rejects_file()
    {
        string db = Path.Combine(_folder, "jobs.db");
        string rejects = Path.Combine(_folder, "rejects.jsonl");
        var result = Score("--scheme", "jobs", "--input", Data("jobs-bad-lines.jsonl"), "--db", db, "--rejects", rejects);

        var counts = result.GetProperty("counts");
        Assert.Equal(10, counts.GetProperty("rejected").GetInt64());
        Assert.Equal(40, counts.GetProperty("scored").GetInt64());
        Assert.Equal(["jobs.llama", "jobs.waifu"], result.GetProperty("leaderboards").EnumerateArray().Select(b => b.GetProperty("scheme").GetString()));
        Assert.Equal(["jobs-image", "jobs-llm"], result.GetProperty("ruleSets").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

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
        var result = Score("--scheme", "jobs", "--input", input, "--db", Path.Combine(_folder, "j.db"), "--rejects", rejects);

        var reject = JsonDocument.Parse(File.ReadAllLines(rejects).Single()).RootElement;
        Assert.Equal(1, reject.GetProperty("line").GetInt64());
        Assert.Equal("$.model", reject.GetProperty("field").GetString());
        Assert.Contains("unknown LLM model 'gpt-x'", reject.GetProperty("reason").GetString());

        var llama = result.GetProperty("leaderboards")[0].GetProperty("leaderboard").GetProperty("rows");
        Assert.Equal("w1", llama[0].GetProperty("account").GetString());
        Assert.Equal("2", llama[0].GetProperty("score").GetRawText()); // (1500 + 500) / 1000 × 1
        Assert.Equal("0", llama[1].GetProperty("score").GetRawText());  // 16 GB is below the 24 GB minimum
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
        var result = Score("--scheme", "jobs", "--input", input, "--rules", rules, "--db", Path.Combine(_folder, "c.db"));
        Assert.Equal("20", result.GetProperty("leaderboards")[1].GetProperty("leaderboard").GetProperty("rows")[0].GetProperty("score").GetRawText());
        Assert.Contains(result.GetProperty("ruleSets").EnumerateArray(), r => r.GetProperty("version").GetString() == "7");

        File.WriteAllText(rules, """{ "id": "jobs-image", "version": 8, "effectiveFrom": "2020-01-01T00:00:00Z", "rules": [ { "name": "x", "set": { "points": "nope + 1" } } ], "output": "points" }""");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "jobs", "--input", input, "--rules", rules, "--db", Path.Combine(_folder, "d.db"));
        Assert.Equal(1, exit);
        Assert.Contains("image.rules.json:1:", error);
        Assert.Contains("nope", error);
    }

    [Fact]
    public void Pog_prints_miners_and_weights()
    {
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "pog", "--input", Data("pog.jsonl"), "--format", "json");
        Assert.True(exit == 0, error);
        var doc = JsonDocument.Parse(output).RootElement;
        Assert.Equal(256, doc.GetProperty("miners").GetArrayLength());
        Assert.Contains(65535, doc.GetProperty("weights").GetProperty("emit").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Theory]
    [InlineData("--scheme", "video", "video")]
    [InlineData("--input", "/no/such/file.jsonl", "cannot read")]
    public void Bad_arguments_fail_with_a_message(string option, string value, string message)
    {
        string[] args = option == "--scheme"
            ? ["score", "--scheme", value, "--input", "x"]
            : ["score", "--scheme", "swarm", option, value, "--db", Path.Combine(_folder, "e.db")];
        var (exit, _, error) = CliRunner.Run(args);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Swarm_refuses_rule_files_and_reports_bad_options_by_key()
    {
        string options = Path.Combine(_folder, "swarm.json");
        File.WriteAllText(options, """{ "Swarm": { "PeerCap": 0 } }""");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", Data("swarm.jsonl"), "--options", options, "--db", Path.Combine(_folder, "f.db"));
        Assert.Equal(1, exit);
        Assert.Contains("PeerCap", error);

        var (exit2, _, error2) = CliRunner.Run("score", "--scheme", "swarm", "--input", Data("swarm.jsonl"), "--rules", options, "--db", Path.Combine(_folder, "g.db"));
        Assert.Equal(1, exit2);
        Assert.Contains("--options", error2);
    }
}
