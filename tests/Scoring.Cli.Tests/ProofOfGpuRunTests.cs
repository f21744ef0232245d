using System.Text.Json;
using Scoring.Cli.Commands;
using Scoring.Cli.Output;
using Scoring.Rules.ProofOfGpu;
using Scoring.Weights;

namespace Scoring.Cli.Tests;

public class ProofOfGpuRunTests
{
    private const string Miners = """
        {"type":"pog","id":"a1","uid":1,"hotkey":"5HOT1","gpuName":"NVIDIA B200","gpuCount":8,"queryable":true,"penalized":false,"allocated":true,"source":"local","ts":1}
        {"type":"pog","id":"a2","uid":2,"hotkey":"5HOT2","gpuName":"NVIDIA H100 80GB HBM3","gpuCount":1,"source":"local"}
        {"type":"pog","id":"a3","uid":4,"hotkey":"5HOT4","gpuName":"NVIDIA GeForce RTX 5090","gpuCount":1}
        {"type":"pog","id":"a4","uid":5,"hotkey":"5HOT5","gpuName":"NVIDIA GTX 1080","gpuCount":2}
        {"type":"pog","id":"a5","uid":6,"hotkey":"5HOT6","gpuName":"NVIDIA H100","gpuCount":"NaN"}
        {"type":"pog","id":"a6","uid":7,"hotkey":"5HOT7","source":"external","score":0.42}
        {"type":"pog","id":"a7","uid":2,"hotkey":"5HOT2","source":"external","score":0.9}
        not json
        {"type":"pog","uid":"x","hotkey":"5HOT9"}

        {"type":"pog","id":"a8","uid":8,"hotkey":"5HOT8","gpuName":"NVIDIA H200","gpuCount":3,"penalized":true}
        {"type":"pog","id":"a9","uid":9,"hotkey":"5HOT9","gpuName":"NVIDIA H200","gpuCount":3,"queryable":false}
        {"type":"leaderboard","uid":10,"hotkey":"5HOT10"}
        """;

    private static (int Exit, string Output, string Error) RunScheme(string input, OutputFormat format, ProofOfGpuOptions? options = null, WeightSettings? settings = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ProofOfGpuRun.Run(new StringReader(input), "miners.jsonl", options ?? new ProofOfGpuOptions(), settings, format, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Json_output_has_exact_scores_statuses_weights_and_line_errors()
    {
        var (exit, output, error) = RunScheme(Miners, OutputFormat.Json);
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var miners = root.GetProperty("miners").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 4, 5, 6, 7, 8, 9], miners.Select(m => m.GetProperty("uid").GetInt32()));
        Assert.Equal(1.0, miners[0].GetProperty("score").GetDouble());
        Assert.Equal("0.0825", miners[1].GetProperty("score").GetRawText());
        Assert.Equal("local", miners[1].GetProperty("source").GetString());
        Assert.Equal("0.023000000000000003", miners[2].GetProperty("score").GetRawText());
        Assert.Equal(["scored", "scored", "scored", "unknown-gpu", "rejected", "scored", "penalized", "not-queryable"],
            miners.Select(m => m.GetProperty("status").GetString()));
        Assert.Equal("The GPU count is NaN.", miners[4].GetProperty("reason").GetString());
        Assert.Equal("external", miners[5].GetProperty("source").GetString());

        var emit = root.GetProperty("weights").GetProperty("emit");
        Assert.Equal([1, 2, 4, 7], emit.GetProperty("uids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([65535, 5407, 1507, 27525], emit.GetProperty("values").EnumerateArray().Select(e => e.GetInt32()));

        var stats = root.GetProperty("stats");
        Assert.Equal(3, stats.GetProperty("badLines").GetInt32());
        Assert.Equal(1, stats.GetProperty("superseded").GetInt32());
        Assert.Equal(1, stats.GetProperty("unknownGpus").GetProperty("NVIDIA GTX 1080").GetInt32());
        string[] badLines = stats.GetProperty("badLineErrors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.StartsWith("miners.jsonl:8: not valid JSON", badLines[0]);
        Assert.Equal("miners.jsonl:9: 'uid' must be an integer.", badLines[1]);
        Assert.StartsWith("miners.jsonl:13: 'type' is \"leaderboard\"", badLines[2]);
        Assert.Contains("warning: miners.jsonl:8:", error);
    }

    [Fact]
    public void Table_output_is_the_validator_summary_with_weights_and_stats()
    {
        var (exit, output, _) = RunScheme(Miners, OutputFormat.Table);
        Assert.Equal(0, exit);
        string rule = new('-', 190);
        string[] lines = output.Split(Environment.NewLine);
        Assert.Equal(rule, lines[0]);
        Assert.Equal(190, lines[1].Length);
        Assert.Equal("MINER STATS SUMMARY", lines[1].Trim());
        Assert.Equal(85, lines[1].IndexOf('M'));
        Assert.Contains(
            "| UID: 4    | Hotkey: 5HOT4                                         | GPU: 1 x NVIDIA GeForce RTX 5090          | Score: 2.30    | Allocated: no    | Source: Local     | Status: scored        |",
            lines);
        Assert.Contains("| UID: 7    | Hotkey: 5HOT7                                         | GPU: N/A                                  | Score: 42.00   | Allocated: no    | Source: External  | Status: scored        |", lines);
        Assert.Contains("| 7     | 0.27531958     | 27525 |", lines);
        Assert.Contains(lines, l => l.StartsWith("| Results: 9 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| Unknown GPU: NVIDIA GTX 1080", StringComparison.Ordinal));
        Assert.Contains("| Rejected: uid 6 (5HOT6): The GPU count is NaN.", lines);
    }

    [Fact]
    public void Burn_and_max_weight_settings_reach_the_weights()
    {
        var (_, output, _) = RunScheme(Miners, OutputFormat.Json, settings: new WeightSettings { BurnUid = 0 });
        using var document = JsonDocument.Parse(output);
        Assert.Equal("burn", document.RootElement.GetProperty("weights").GetProperty("mode").GetString());
    }

    [Fact]
    public void Empty_input_scores_nothing_and_says_there_are_no_weights()
    {
        var (exit, output, error) = RunScheme("\n\n", OutputFormat.Json);
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("weights").ValueKind);
        Assert.Contains("no weights", error);
    }

    [Fact]
    public void Invalid_options_are_a_configuration_error()
    {
        var (exit, _, error) = RunScheme(Miners, OutputFormat.Table, new ProofOfGpuOptions { GpuScores = [] });
        Assert.Equal(ProofOfGpuRun.ConfigurationError, exit);
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Pog_score_command_reads_the_validator_config_yaml()
    {
        string yaml = CliRunner.TempFile("gpu_performance:\n  gpu_scores:\n    NVIDIA H200: 3.90\n    NVIDIA H100: 2.79\n", ".yaml");
        string input = CliRunner.TempFile("""{"uid":3,"hotkey":"5H","gpuName":"NVIDIA H200","gpuCount":8}""" + "\n", ".jsonl");
        var (exit, output, _) = CliRunner.Run("score", "--scheme", "pog", "--input", input, "--gpu-config", yaml, "--format", "json");
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(1.0, document.RootElement.GetProperty("miners")[0].GetProperty("score").GetDouble());
    }

    [Fact]
    public void Pog_score_command_rejects_both_option_sources_and_a_bad_yaml()
    {
        string yaml = CliRunner.TempFile("gpu_performance:\n  gpu_scores:\n    A: 0\n", ".yaml");
        string json = CliRunner.TempFile("{}");
        string input = CliRunner.TempFile("", ".jsonl");
        var both = CliRunner.Run("score", "--scheme", "pog", "--input", input, "--gpu-config", yaml, "--options", json);
        Assert.Equal(ProofOfGpuRun.ConfigurationError, both.Exit);
        Assert.Contains("not both", both.Error);
        var zero = CliRunner.Run("score", "--scheme", "pog", "--input", input, "--gpu-config", yaml);
        Assert.Equal(ProofOfGpuRun.ConfigurationError, zero.Exit);
        Assert.Contains("is 0", zero.Error);
    }

    [Fact]
    public void Summary_row_matches_the_validator_layout()
    {
        var miner = new MinerScore(12, "5F3sa2TJ", "NVIDIA H100", 8, 0.56, MinerResultSource.Local, true, MinerStatus.Scored, null);
        Assert.Equal(
            "| UID: 12   | Hotkey: 5F3sa2TJ                                      | GPU: 8 x NVIDIA H100                      | Score: 56.00   | Allocated: yes   | Source: Local     | Status: scored        |",
            ProofOfGpuSummary.Row(miner));
    }
}
