using Scoring.Cli.Commands;
using Scoring.Rules.ProofOfGpu;

namespace Scoring.Cli.Tests;

public class ProofOfGpuReportLineTests
{
    [Fact]
    public void Full_local_line_decodes_every_field()
    {
        Assert.True(ProofOfGpuReportLine.TryParse(
            """{"type":"pog","id":"x1","uid":12,"hotkey":"5F","gpuName":"NVIDIA H100","gpuCount":8,"queryable":false,"penalized":true,"allocated":true,"source":"local","ts":"2026-01-01T00:00:00Z"}""",
            out var result, out string? error), error);
        Assert.Equal(new MinerResult(12, "5F", "NVIDIA H100", 8, Queryable: false, Penalized: true, Allocated: true), result);
    }

    [Fact]
    public void External_line_keeps_its_score_and_defaults_apply()
    {
        Assert.True(ProofOfGpuReportLine.TryParse("""{"uid":3,"hotkey":"5G","source":"external","score":0.42}""", out var result, out _));
        Assert.Equal(new MinerResult(3, "5G", null, 0, Source: MinerResultSource.External, ExternalScore: 0.42), result);
    }

    [Fact]
    public void Named_non_finite_counts_reach_the_scorer()
    {
        Assert.True(ProofOfGpuReportLine.TryParse("""{"uid":1,"hotkey":"5G","gpuName":"A","gpuCount":"-Infinity"}""", out var result, out _));
        Assert.Equal(double.NegativeInfinity, result!.GpuCount);
    }

    [Theory]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"uid":1""", "not valid JSON")]
    [InlineData("""{"type":"swarm","uid":1,"hotkey":"h"}""", "not a Proof-of-GPU report")]
    [InlineData("""{"hotkey":"h","gpuName":"A","gpuCount":1}""", "'uid' must be an integer")]
    [InlineData("""{"uid":1.5,"hotkey":"h","gpuName":"A","gpuCount":1}""", "'uid' must be an integer")]
    [InlineData("""{"uid":1,"hotkey":"","gpuName":"A","gpuCount":1}""", "'hotkey' must be a non-empty string")]
    [InlineData("""{"uid":1,"hotkey":"h","source":"remote"}""", "'source' is \"remote\"")]
    [InlineData("""{"uid":1,"hotkey":"h","gpuName":7,"gpuCount":1}""", "'gpuName' must be a string")]
    [InlineData("""{"uid":1,"hotkey":"h","gpuName":"A","gpuCount":"eight"}""", "'gpuCount' must be a number")]
    [InlineData("""{"uid":1,"hotkey":"h","gpuName":"A"}""", "'gpuCount' is missing")]
    [InlineData("""{"uid":1,"hotkey":"h","gpuName":"A","gpuCount":1,"penalized":"no"}""", "'penalized' must be true or false")]
    [InlineData("""{"uid":1,"hotkey":"h","source":"external","score":"high"}""", "'score' must be a number")]
    public void Bad_line_says_which_field_and_why(string line, string expected)
    {
        Assert.False(ProofOfGpuReportLine.TryParse(line, out var result, out string? error));
        Assert.Null(result);
        Assert.Contains(expected, error);
    }
}
