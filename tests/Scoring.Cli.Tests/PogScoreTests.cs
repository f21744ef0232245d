using System.Text.Json;

namespace Scoring.Cli.Tests;

/// <summary><c>scoring score --scheme pog</c>: a weights scheme run through the registry's decoder, with no ledger.</summary>
public class PogScoreTests
{
    private const string Miners = """
        {"type":"pog","id":"a1","uid":1,"hotkey":"5HOT1","gpuName":"NVIDIA B200","gpuCount":8,"queryable":true,"penalized":false,"allocated":true,"source":"local","timestamp":1767225600}
        {"type":"pog","id":"a2","uid":2,"hotkey":"5HOT2","gpuName":"NVIDIA H100 80GB HBM3","gpuCount":1,"queryable":true,"penalized":false,"allocated":false,"source":"local"}
        {"type":"pog","id":"a3","uid":4,"hotkey":"5HOT4","gpuName":"NVIDIA GeForce RTX 5090","gpuCount":1,"queryable":true,"penalized":false,"allocated":false}
        {"type":"pog","id":"a4","uid":5,"hotkey":"5HOT5","gpuName":"NVIDIA GTX 1080","gpuCount":2,"queryable":true,"penalized":false,"allocated":false}
        {"type":"pog","id":"a6","uid":7,"hotkey":"5HOT7","gpuName":"NVIDIA H100","gpuCount":1,"queryable":true,"penalized":false,"allocated":false,"source":"external","score":0.42}
        {"type":"pog","id":"a7","uid":2,"hotkey":"5HOT2","gpuName":"NVIDIA H100","gpuCount":1,"queryable":true,"penalized":false,"allocated":false,"source":"external","score":0.9}
        not json
        {"type":"pog","id":"a5","uid":"x","hotkey":"5HOT9","gpuName":"NVIDIA H100","gpuCount":1,"queryable":true,"penalized":false,"allocated":false}

        {"type":"pog","id":"a8","uid":8,"hotkey":"5HOT8","gpuName":"NVIDIA H200","gpuCount":3,"queryable":true,"penalized":true,"allocated":false}
        {"type":"pog","id":"a9","uid":9,"hotkey":"5HOT9","gpuName":"NVIDIA H200","gpuCount":3,"queryable":false,"penalized":false,"allocated":false}
        {"type":"swarm","peerId":"p1","account":"alice","cumulativeFlops":0,"timestamp":1767225600}
        """;

    private static (int Exit, string Output, string Error) Pog(string input, params string[] args) =>
        CliRunner.Run(["score", "--scheme", "pog", "--input", CliRunner.TempFile(input + "\n", ".jsonl"), "--backend", "scalar", .. args]);

    [Fact]
    public void Json_output_has_exact_scores_statuses_weights_and_bad_lines()
    {
        var (exit, output, error) = Pog(Miners, "--format", "json");
        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        var miners = root.GetProperty("miners").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 4, 5, 7, 8, 9], miners.Select(m => m.GetProperty("uid").GetInt32()));
        Assert.Equal("1", miners[0].GetProperty("score").GetRawText());
        Assert.Equal("0.0825", miners[1].GetProperty("score").GetRawText());
        Assert.Equal("local", miners[1].GetProperty("source").GetString()); // a local result outranks another validator's
        Assert.Equal("0.023000000000000003", miners[2].GetProperty("score").GetRawText());
        Assert.Equal(["scored", "scored", "scored", "unknown-gpu", "scored", "penalized", "not-queryable"], miners.Select(m => m.GetProperty("status").GetString()));
        Assert.Equal("external", miners[4].GetProperty("source").GetString());

        var emit = root.GetProperty("weights").GetProperty("emit");
        Assert.Equal([1, 2, 4, 7], emit.GetProperty("uids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([65535, 5407, 1507, 27525], emit.GetProperty("values").EnumerateArray().Select(e => e.GetInt32()));

        var stats = root.GetProperty("stats");
        Assert.Equal(3, stats.GetProperty("badLines").GetInt32());
        Assert.Equal(1, stats.GetProperty("superseded").GetInt32());
        Assert.Equal(1, stats.GetProperty("unknownGpus").GetProperty("NVIDIA GTX 1080").GetInt32());
        string[] bad = stats.GetProperty("badLineErrors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.StartsWith("line 7, $: is not valid JSON", bad[0]);
        Assert.Equal("line 8, $.uid: expected a number, got a string", bad[1]);
        Assert.Equal("line 12, $.type: the pog scheme scores \"pog\" reports, not \"swarm\"", bad[2]);
    }

    [Fact]
    public void Rejects_gets_every_bad_line_with_its_field_and_text()
    {
        string rejects = CliRunner.TempPath(".jsonl");
        var (exit, _, error) = Pog(Miners, "--rejects", rejects);
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(rejects).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([7, 8, 12], lines.Select(l => l.GetProperty("line").GetInt64()));
        Assert.Equal(["$", "$.uid", "$.type"], lines.Select(l => l.GetProperty("field").GetString()));
        Assert.Equal("not json", lines[0].GetProperty("raw").GetString());
    }

    [Fact]
    public void Table_output_has_each_uid_with_its_score_weight_and_u16_then_the_round()
    {
        var (exit, output, _) = Pog(Miners);
        Assert.Equal(0, exit);
        Assert.True(TableText.HasRow(output, "UID", "Weight", "U16", "score", "status", "gpuCount", "gpuName", "hotkey"), output);
        // Scores as scores (the JSON's), never on the validator's 0-100 display scale.
        var uid4 = TableText.Rows(output).Single(r => r[0] == "4");
        Assert.Equal(["0.023000000000000003", "scored", "1", "NVIDIA GeForce RTX 5090", "5HOT4"], uid4[3..8]);
        Assert.Equal("1", TableText.Rows(output).Single(r => r[0] == "1")[3]);
        Assert.True(TableText.HasRow(output, "7", "0.27531958", "27525"), output);
        Assert.True(TableText.HasRow(output, "results", "8"), output);
        Assert.True(TableText.HasRow(output, "unknownGpus: NVIDIA GTX 1080", "1"), output);
        Assert.Contains("badLineErrors: line 8, $.uid", output);
        Assert.Contains("bad lines; give --rejects FILE", output);
    }

    [Fact]
    public void Burn_and_max_weight_reach_the_weights()
    {
        var (_, burn, _) = Pog(Miners, "--format", "json", "--burn-uid", "0");
        Assert.Equal("burn", JsonDocument.Parse(burn).RootElement.GetProperty("weights").GetProperty("mode").GetString());
        var (_, capped, _) = Pog(Miners, "--format", "json", "--max-weight", "0.5");
        Assert.All(JsonDocument.Parse(capped).RootElement.GetProperty("weights").GetProperty("weights").EnumerateArray(), w => Assert.True(w.GetSingle() <= 0.5f));
        var bad = Pog(Miners, "--max-weight", "1.5");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("--max-weight 1.5 must be in (0, 1]", bad.Error);
    }

    [Fact]
    public void Empty_input_scores_nothing_and_says_there_are_no_weights()
    {
        var (exit, output, error) = Pog("\n", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("weights").ValueKind);
        Assert.Contains("no weights", error);
    }

    [Fact]
    public void A_ledger_is_refused_never_ignored()
    {
        var (exit, output, error) = Pog(Miners, "--db", CliRunner.TempPath(".db"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("scoring score: the pog scheme computes weights per round and keeps no ledger; remove --db.", error.Trim());
        Assert.Equal(1, Pog(Miners, "--keep-open").Exit);
    }

    [Fact]
    public void Options_do_not_apply_to_a_scheme_without_a_configuration_section()
    {
        var (exit, _, error) = Pog(Miners, "--options", CliRunner.TempFile("{}"));
        Assert.Equal(1, exit);
        Assert.Contains("the pog scheme has no options", error);
        Assert.Contains("--rules", error);
    }

    [Fact]
    public void The_validator_config_yaml_replaces_the_gpu_table()
    {
        string yaml = CliRunner.TempFile("gpu_performance:\n  gpu_scores:\n    NVIDIA H200: 3.90\n    NVIDIA H100: 2.79\n", ".yaml");
        string input = """{"type":"pog","uid":3,"hotkey":"5H","gpuName":"NVIDIA H200","gpuCount":8,"queryable":true,"penalized":false,"allocated":false}""";
        var (exit, output, error) = Pog(input, "--gpu-config", yaml, "--format", "json");
        Assert.True(exit == 0, error);
        var miner = JsonDocument.Parse(output).RootElement.GetProperty("miners")[0];
        Assert.Equal(1.0, miner.GetProperty("score").GetDouble()); // the H200 is now the table's best GPU
        Assert.StartsWith("pog-score@1+", miner.GetProperty("ruleSet").GetString());

        string zero = CliRunner.TempFile("gpu_performance:\n  gpu_scores:\n    A: 0\n", ".yaml");
        var bad = Pog(input, "--gpu-config", zero);
        Assert.Equal(1, bad.Exit);
        Assert.StartsWith("scoring score: --gpu-config: ", bad.Error);
        Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_bundled_round_scores_every_uid()
    {
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "pog", "--input", CliRunner.Data("pog.jsonl"), "--format", "json");
        Assert.True(exit == 0, error);
        var doc = JsonDocument.Parse(output).RootElement;
        Assert.Equal(256, doc.GetProperty("miners").GetArrayLength());
        Assert.Contains(65535, doc.GetProperty("weights").GetProperty("emit").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
    }
}
