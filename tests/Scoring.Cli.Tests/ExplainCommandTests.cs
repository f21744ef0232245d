using System.Text.Json;

namespace Scoring.Cli.Tests;

public class ExplainCommandTests
{
    private const string Report = """{"width": 1000, "height": 1000, "category": "sd15", "latency": 20.5}""";

    [Fact]
    public void Table_lists_each_rule_and_the_points()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var (exit, output, error) = CheckCommandTests.Run("explain", "--rules", path, "--report", """{"width": 1000, "height": 1000, "category": "sd15", "latency": 3}""");
        Assert.True(exit == 0, error);
        Assert.Contains("base", output, StringComparison.Ordinal);
        Assert.Contains("latency > deadline → false", output, StringComparison.Ordinal);
        Assert.Contains("not fired", output, StringComparison.Ordinal);
        Assert.Contains("0.3 points", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_trace_has_every_rule_in_order_with_values()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var reportPath = files.Write("report.json", Report);
        var (exit, output, _) = CheckCommandTests.Run("explain", "--rules", path, "--report", reportPath, "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var rules = doc.RootElement.GetProperty("rules");
        Assert.Equal(["base", "deadline"], rules.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(0.3, rules[0].GetProperty("assignments")[0].GetProperty("value").GetDouble(), 12);
        Assert.True(rules[1].GetProperty("condition").GetBoolean());
        Assert.Equal("fired", rules[1].GetProperty("outcome").GetString());
        Assert.Equal("0", doc.RootElement.GetProperty("points").GetString());
    }

    [Fact]
    public void A_voided_report_shows_its_error()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var (exit, output, _) = CheckCommandTests.Run("explain", "--rules", path, "--report", Report.Replace("sd15", "flux", StringComparison.Ordinal), "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("MissingTableKey", doc.RootElement.GetProperty("error").GetString());
        Assert.Equal("notReached", doc.RootElement.GetProperty("rules")[1].GetProperty("outcome").GetString());
    }

    private const string ProofOfGpu = """
        {
          "id": "pog", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z",
          "inputs": { "gpu": "string", "share": "double" },
          "tables": { "gpuScore": { "keyType": "string", "entries": { "h100": 1.0, "l4": 0.23 } } },
          "rules": [
            { "name": "score", "set": { "score": "gpuScore[gpu] / tableMax(gpuScore) * share" } },
            { "name": "bonus", "set": { "bonus": "share * 10" } }
          ],
          "outputs": { "score": "double", "bonus": "points" }
        }
        """;

    [Fact]
    public void Table_of_several_outputs_shows_each_output_and_never_reads_a_double_as_points()
    {
        using var files = new RuleFiles();
        var path = files.Write("pog.json", ProofOfGpu);
        var (exit, output, error) = CheckCommandTests.Run("explain", "--rules", path, "--report", """{"gpu": "l4", "share": 0.1}""");
        Assert.True(exit == 0, error);
        Assert.Contains("score = 0.023000000000000003 (double)", output, StringComparison.Ordinal);
        Assert.Contains("bonus = 1.0 → 1 points", output, StringComparison.Ordinal);
        Assert.Contains("scored", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_of_several_outputs_lists_every_output()
    {
        using var files = new RuleFiles();
        var path = files.Write("pog.json", ProofOfGpu);
        var (exit, output, _) = CheckCommandTests.Run("explain", "--rules", path, "--report", """{"gpu": "h100", "share": 1e300}""", "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var outputs = doc.RootElement.GetProperty("outputs");
        Assert.Equal(["score", "bonus"], outputs.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal("double", outputs[0].GetProperty("type").GetString());
        Assert.Equal(1e300, outputs[0].GetProperty("value").GetDouble());
        Assert.Equal("PointsOutOfRange", outputs[1].GetProperty("error").GetString());
        Assert.Equal("PointsOutOfRange", doc.RootElement.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("points").ValueKind);
    }

    [Theory]
    [InlineData("""{"width": 1.5, "height": 1000, "category": "sd15", "latency": 1}""", "'width' must be an int")]
    [InlineData("""{"width": 1, "height": 1000, "category": "sd15"}""", "no value for input 'latency'")]
    [InlineData("""{"width": 1, "height": 1, "category": "sd15", "latency": 1, "extra": 2}""", "'extra' is not an input")]
    [InlineData("""{"width": 1,""", "report:")]
    public void Bad_reports_exit_one_with_a_message(string report, string message)
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var (exit, _, error) = CheckCommandTests.Run("explain", "--rules", path, "--report", report);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_rules_exit_one_with_diagnostics()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid.Replace("multiplier[category]", "multiplier[width]", StringComparison.Ordinal));
        var (exit, _, error) = CheckCommandTests.Run("explain", "--rules", path, "--report", Report);
        Assert.Equal(1, exit);
        Assert.StartsWith(path + ":", error, StringComparison.Ordinal);
    }
}
