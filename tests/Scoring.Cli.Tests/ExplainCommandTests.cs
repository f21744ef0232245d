using System.Text.Json;

namespace Scoring.Cli.Tests;

public class ExplainCommandTests
{
    private const string Inputs = """{"width": 1000, "height": 1000, "category": "sd15", "latency": 20.5}""";

    private static string Line(string example, int index) => File.ReadAllLines(CliRunner.Example(example))[index];

    private static JsonElement Explain(params string[] args) => CliRunner.Json(["explain", .. args]);

    [Fact]
    public void A_swarm_line_is_explained_as_its_peers_first_report()
    {
        var doc = Explain("--report", Line("swarm.jsonl", 0));
        Assert.Equal("swarm", doc.GetProperty("scheme").GetString());
        var explanation = doc.GetProperty("explanations").EnumerateArray().Single();
        Assert.Equal("swarm-points", explanation.GetProperty("ruleSet").GetString());
        Assert.Contains("first and only report", explanation.GetProperty("note").GetString());
        var outputs = explanation.GetProperty("trace").GetProperty("outputs");
        Assert.Equal(["compute", "presence"], outputs.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public void An_image_line_shows_the_deadline_rule_that_zeroed_it()
    {
        var (exit, output, error) = CliRunner.Run("explain", "--report", Line("jobs.jsonl", 1));
        Assert.True(exit == 0, error);
        Assert.Contains("jobs scheme: \"image\" report 'img-2' of 'gpu-b'", output);
        Assert.Contains("latencySeconds > deadlineSeconds → true", output);
        Assert.Contains("points = 0.0 → 0 points", output);
    }

    [Fact]
    public void An_llm_line_shows_its_points()
    {
        var trace = Explain("--report", Line("jobs.jsonl", 3)).GetProperty("explanations")[0].GetProperty("trace");
        Assert.Equal("jobs-llm", trace.GetProperty("ruleSet").GetString());
        Assert.Equal("0.75", trace.GetProperty("points").GetString());
    }

    [Fact]
    public void A_pog_line_shows_its_double_score()
    {
        var trace = Explain("--report", Line("pog.jsonl", 1)).GetProperty("explanations")[0].GetProperty("trace");
        Assert.Equal("pog-score", trace.GetProperty("ruleSet").GetString());
        var score = trace.GetProperty("outputs")[0];
        Assert.Equal("minerScore", score.GetProperty("name").GetString());
        Assert.Equal("double", score.GetProperty("type").GetString());
        Assert.Equal("0.0825", score.GetProperty("value").GetRawText());
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("points").ValueKind);
    }

    [Fact]
    public void A_report_line_in_a_file_is_read_and_rules_overrides_are_in_force()
    {
        var (_, builtIn, _) = CliRunner.Run("rules", "show", "--id", "jobs-llm");
        string doubled = CliRunner.TempFile(builtIn.Replace("\"openhermes-mixtral-8x7b-gptq\": 1.0", "\"openhermes-mixtral-8x7b-gptq\": 2.0", StringComparison.Ordinal)
            .Replace("\"version\": \"1\"", "\"version\": \"2\"", StringComparison.Ordinal));
        string report = CliRunner.TempFile(Line("jobs.jsonl", 2) + "\n", ".jsonl");
        var trace = Explain("--report", report, "--rules", doubled).GetProperty("explanations")[0].GetProperty("trace");
        Assert.Equal("2", trace.GetProperty("version").GetString());
        Assert.Equal("4", trace.GetProperty("points").GetString());
    }

    [Fact]
    public void A_bad_report_line_gets_the_decoders_field_and_reason()
    {
        var (exit, _, error) = CliRunner.Run("explain", "--report", Line("jobs.jsonl", 1).Replace("\"steps\":20", "\"steps\":2.5", StringComparison.Ordinal));
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring explain: report: $.steps: ", error);
        var unknown = CliRunner.Run("explain", "--report", """{"type":"video","x":1}""");
        Assert.Contains("$.type: unknown report type \"video\"", unknown.Error);
    }

    [Fact]
    public void The_scheme_must_be_the_reports_owner_when_given()
    {
        var (exit, _, error) = CliRunner.Run("explain", "--report", Line("pog.jsonl", 0), "--scheme", "swarm");
        Assert.Equal(1, exit);
        Assert.Contains("a \"pog\" report belongs to the pog scheme, not swarm", error);
        Assert.Equal(0, CliRunner.Run("explain", "--report", Line("pog.jsonl", 0), "--scheme", "pog").Exit);
    }

    [Fact]
    public void Inputs_without_a_type_need_exactly_one_rule_set()
    {
        var (exit, _, error) = CliRunner.Run("explain", "--report", Inputs);
        Assert.Equal(1, exit);
        Assert.Contains("give exactly one --rules FILE", error);
    }

    [Fact]
    public void Table_lists_each_rule_and_the_points()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var (exit, output, error) = CliRunner.Run("explain", "--rules", path, "--report", """{"width": 1000, "height": 1000, "category": "sd15", "latency": 3}""");
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
        var reportPath = files.Write("report.json", Inputs);
        var doc = Explain("--rules", path, "--report", reportPath);
        var rules = doc.GetProperty("rules");
        Assert.Equal(["base", "deadline"], rules.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(0.3, rules[0].GetProperty("assignments")[0].GetProperty("value").GetDouble(), 12);
        Assert.True(rules[1].GetProperty("condition").GetBoolean());
        Assert.Equal("fired", rules[1].GetProperty("outcome").GetString());
        Assert.Equal("0", doc.GetProperty("points").GetString());
    }

    [Fact]
    public void A_voided_report_shows_its_error()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var doc = Explain("--rules", path, "--report", Inputs.Replace("sd15", "flux", StringComparison.Ordinal));
        Assert.Equal("MissingTableKey", doc.GetProperty("error").GetString());
        Assert.Equal("notReached", doc.GetProperty("rules")[1].GetProperty("outcome").GetString());
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
        var (exit, output, error) = CliRunner.Run("explain", "--rules", path, "--report", """{"gpu": "l4", "share": 0.1}""");
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
        var (exit, output, _) = CliRunner.Run("explain", "--rules", path, "--report", """{"gpu": "h100", "share": 1e300}""", "--format", "json");
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
    [InlineData("""{"width": 1, "height": 1, "category": "a\ud800", "latency": 1}""", "report:")]
    [InlineData("""{"width": 1,""", "report:")]
    public void Bad_reports_exit_one_with_a_message(string report, string message)
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var (exit, _, error) = CliRunner.Run("explain", "--rules", path, "--report", report);
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring explain: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Invalid_rules_exit_one_with_the_files_position()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid.Replace("multiplier[category]", "multiplier[width]", StringComparison.Ordinal));
        var (exit, _, error) = CliRunner.Run("explain", "--rules", path, "--report", Inputs);
        Assert.Equal(1, exit);
        Assert.StartsWith($"scoring explain: {path}:", error, StringComparison.Ordinal);
    }
}
