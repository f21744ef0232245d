using System.Text;
using Scoring.Evaluation;
using Scoring.Language;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.RuleSets;

/// <summary>The <c>output</c>/<c>outputs</c> members of a document, the builder's outputs and the canonical form of each shape.</summary>
public class RuleSetOutputsTests
{
    /// <summary>
    /// The content hash of <see cref="ImageJobRuleSet.Json"/> taken before rule sets could have several outputs.
    /// Ledgers record these hashes: a one-points-output rule set must keep it forever.
    /// </summary>
    private const string ImageJobHashBeforeOutputs = "c736d9fd130af4acc7e50b3e6fa233ac6653d93de31bd734097d4b585f81d4b2";

    private const string Head = """{ "id": "swarm", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "inputs": { "flops": "double", "online": "bool" }, """;

    private const string SwarmRules = """
        "rules": [
          { "name": "compute", "set": { "compute": "flops * 1e-12" } },
          { "name": "presence", "set": { "presence": "online ? 1.0 : 0.0" } },
          { "name": "score", "set": { "score": "compute / 3.0" } }
        ],
        """;

    private static readonly string Swarm = Head + SwarmRules + """
        "outputs": { "compute": "points", "presence": "points", "score": "double" } }
        """;

    private static RuleSet ReadValid(string json)
    {
        var read = RuleSetDocument.Read(json);
        Assert.True(read.RuleSet is not null, string.Join("\n", read.Diagnostics));
        return read.RuleSet!;
    }

    private static Diagnostic SingleError(string json, RuleSetLimits? limits = null)
    {
        var result = RuleSetDocument.Compile(Encoding.UTF8.GetBytes(json), limits);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics);
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="text"/> in <paramref name="json"/>.</summary>
    private static (int Line, int Column) PositionOf(string json, string text)
    {
        var at = json.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' is not in the document");
        var line = json[..at].Count(c => c == '\n') + 1;
        var lineStart = json[..at].LastIndexOf('\n') + 1;
        return (line, at - lineStart + 1);
    }

    [Fact]
    public void Outputs_are_read_in_document_order_with_their_types()
    {
        var model = ReadValid(Swarm);
        Assert.Equal(
            [new RuleOutput("compute", RuleOutputType.Points), new RuleOutput("presence", RuleOutputType.Points), new RuleOutput("score", RuleOutputType.Double)],
            model.Outputs);
        Assert.Equal("compute", model.Output); // the primary output
    }

    [Fact]
    public void A_document_with_outputs_writes_and_reads_back_to_the_same_model()
    {
        var model = ReadValid(Swarm);
        var text = RuleSetDocument.Write(model);
        Assert.Contains("\"outputs\": {", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"output\":", text, StringComparison.Ordinal);
        var again = ReadValid(text);
        Assert.Equal(model.Outputs, again.Outputs);
        Assert.Equal(model.ContentHash, again.ContentHash);
        Assert.Equal(text, RuleSetDocument.Write(again));
    }

    [Fact]
    public void One_points_output_is_written_as_output_whichever_member_it_was_read_from()
    {
        var viaOutputs = ReadValid(ImageJobRuleSet.Json.Replace("\"output\": \"points\"", "\"outputs\": { \"points\": \"points\" }", StringComparison.Ordinal));
        var text = RuleSetDocument.Write(viaOutputs);
        Assert.Contains("\"output\": \"points\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"outputs\"", text, StringComparison.Ordinal);
        Assert.Equal(ImageJobHashBeforeOutputs, viaOutputs.ContentHash);
    }

    [Fact]
    public void A_single_double_output_is_written_as_outputs()
    {
        var model = new RuleSetBuilder("pog").Rule("r", r => r.Set("score", "0.5")).Output("score", RuleOutputType.Double).Build();
        var text = RuleSetDocument.Write(model);
        Assert.Contains("\"outputs\": {\n    \"score\": \"double\"\n  }", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal([new RuleOutput("score", RuleOutputType.Double)], ReadValid(text).Outputs);
    }

    [Fact]
    public void The_hash_of_a_one_points_output_rule_set_is_the_one_ledgers_recorded()
    {
        Assert.Equal(ImageJobHashBeforeOutputs, ReadValid(ImageJobRuleSet.Json).ContentHash);
        Assert.Equal(ImageJobHashBeforeOutputs, ImageJobRuleSet.Fluent().ContentHash);
        var canonical = Encoding.UTF8.GetString(RuleSetCanonicalForm.ToUtf8(ImageJobRuleSet.Fluent()));
        Assert.EndsWith(",\"output\":\"points\"}", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_output_shapes_hash_an_outputs_array_and_every_difference_counts()
    {
        var model = ReadValid(Swarm);
        var canonical = Encoding.UTF8.GetString(RuleSetCanonicalForm.ToUtf8(model));
        Assert.EndsWith(",\"outputs\":[[\"compute\",\"points\"],[\"presence\",\"points\"],[\"score\",\"double\"]]}", canonical, StringComparison.Ordinal);

        var retyped = ReadValid(Swarm.Replace("\"score\": \"double\"", "\"score\": \"points\"", StringComparison.Ordinal));
        var reordered = ReadValid(Swarm.Replace("\"compute\": \"points\", \"presence\": \"points\"", "\"presence\": \"points\", \"compute\": \"points\"", StringComparison.Ordinal));
        var fewer = ReadValid(Swarm.Replace(", \"score\": \"double\"", "", StringComparison.Ordinal));
        var onlyCompute = ReadValid(Head + SwarmRules + "\"output\": \"compute\" }");
        var onlyComputeAsDouble = ReadValid(Head + SwarmRules + "\"outputs\": { \"compute\": \"double\" } }");
        string[] hashes = [model.ContentHash, retyped.ContentHash, reordered.ContentHash, fewer.ContentHash, onlyCompute.ContentHash, onlyComputeAsDouble.ContentHash];
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void The_builder_adds_outputs_in_order_and_matches_the_document()
    {
        var built = new RuleSetBuilder("swarm").Version(1).EffectiveFrom(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Input("flops", ScalarType.Double).Input("online", ScalarType.Bool)
            .Rule("compute", r => r.Set("compute", "flops * 1e-12"))
            .Rule("presence", r => r.Set("presence", "online ? 1.0 : 0.0"))
            .Rule("score", r => r.Set("score", "compute / 3.0"))
            .Output("compute").Output("presence").Output("score", RuleOutputType.Double)
            .Build();
        Assert.Equal(ReadValid(Swarm), built);
        Assert.Equal(ReadValid(Swarm).ContentHash, built.ContentHash);
    }

    [Fact]
    public void A_builder_without_outputs_has_the_single_points_output_points()
    {
        var model = new RuleSetBuilder("x").Rule("r", r => r.Set("points", "1.0")).Build();
        Assert.Equal([new RuleOutput("points", RuleOutputType.Points)], model.Outputs);
        Assert.Equal(new RuleSetBuilder("x").Rule("r", r => r.Set("points", "1.0")).Output("points").Build().ContentHash, model.ContentHash);
    }

    [Fact]
    public void A_rule_set_needs_an_output_of_a_defined_type()
    {
        Assert.Throws<ArgumentException>(() => new RuleSet("x", "1", null, DateTimeOffset.UnixEpoch, [], [], [], [], [], Array.Empty<RuleOutput>()));
        Assert.Throws<ArgumentException>(() => new RuleSet("x", "1", null, DateTimeOffset.UnixEpoch, [], [], [], [], [], [new RuleOutput("p", (RuleOutputType)7)]));
    }

    [Fact]
    public void Output_and_outputs_together_are_refused_at_the_second()
    {
        var json = Head + SwarmRules + "\"output\": \"compute\",\n  \"outputs\": { \"score\": \"double\" } }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        Assert.True(d.IsFilePosition);
        Assert.Equal(PositionOf(json, "\"outputs\""), (d.Line, d.Column));
        Assert.Contains("not both", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_output_nor_outputs_is_refused_at_the_document()
    {
        var d = SingleError(Head + SwarmRules.TrimEnd().TrimEnd(',') + " }");
        Assert.Equal(DiagnosticCode.MissingMember, d.Code);
        Assert.Equal((1, 1), (d.Line, d.Column));
        Assert.Contains("'output'", d.Message, StringComparison.Ordinal);
        Assert.Contains("'outputs'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_output_type_is_refused_at_the_type()
    {
        var json = Head + SwarmRules + "\"outputs\": { \"compute\": \"points\", \"score\": \"float\" } }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        Assert.Equal(PositionOf(json, "\"float\""), (d.Line, d.Column));
        Assert.Contains("output 'score' must have a type: \"points\" or \"double\"", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"score\": 1 }", "\"score\": 1")]
    [InlineData("{ \"score\": null }", "\"score\": null")]
    public void An_output_type_that_is_not_a_string_is_refused(string outputs, string near)
    {
        var json = Head + SwarmRules + "\"outputs\": " + outputs + " }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        var (line, column) = PositionOf(json, near);
        Assert.Equal((line, column + "\"score\": ".Length), (d.Line, d.Column));
    }

    [Fact]
    public void An_empty_outputs_object_is_refused_at_the_object()
    {
        var json = Head + SwarmRules + "\"outputs\": {} }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        Assert.Equal(PositionOf(json, "{} }"), (d.Line, d.Column));
        Assert.Contains("names no output", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"compute\"]", "an array")]
    [InlineData("\"compute\"", "a string")]
    public void Outputs_that_are_not_an_object_are_refused(string outputs, string kind)
    {
        var json = Head + SwarmRules + "\"outputs\": " + outputs + " }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        Assert.Equal(PositionOf(json, outputs + " }"), (d.Line, d.Column));
        Assert.Contains($"outputs must be an object of name: type", d.Message, StringComparison.Ordinal);
        Assert.Contains(kind, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_is_not_a_string_member_is_refused()
    {
        var json = Head + SwarmRules + "\"output\": 3 }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        Assert.Equal(PositionOf(json, "3 }"), (d.Line, d.Column));
    }

    [Fact]
    public void More_outputs_than_the_limit_are_refused_at_the_object()
    {
        var names = Enumerable.Range(0, 17).Select(i => $"o{i}").ToArray();
        var rules = string.Join(", ", names.Select(n => $"{{ \"name\": \"{n}\", \"set\": {{ \"{n}\": \"1.0\" }} }}"));
        var json = Head + $"\"rules\": [ {rules} ],\n\"outputs\": {{ {string.Join(", ", names.Select(n => $"\"{n}\": \"double\""))} }} }}";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
        Assert.Equal(PositionOf(json, "{ \"o0\": \"double\""), (d.Line, d.Column));
        Assert.Contains("17 outputs exceed the limit of 16", d.Message, StringComparison.Ordinal);
        Assert.True(RuleSetDocument.Compile(Encoding.UTF8.GetBytes(json), new RuleSetLimits { MaxOutputs = 17 }).Succeeded);
    }

    [Fact]
    public void An_output_named_twice_is_refused_at_its_second_name()
    {
        var json = Head + SwarmRules + "\"outputs\": { \"compute\": \"points\",\n \"compute\": \"double\" } }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidValue, d.Code);
        Assert.Equal(PositionOf(json, "\"compute\": \"double\""), (d.Line, d.Column));
        Assert.Contains("appears twice", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiler_diagnostics_about_an_output_point_at_its_name_in_outputs()
    {
        var json = Head + SwarmRules + "\"outputs\": { \"compute\": \"points\",\n   \"missing\": \"double\" } }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidOutput, d.Code);
        Assert.Equal("outputs.missing", d.Location);
        Assert.True(d.IsFilePosition);
        Assert.Equal(PositionOf(json, "\"missing\""), (d.Line, d.Column));
        Assert.Contains("the output 'missing' is not assigned on every path: no rule assigns it", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compiler_diagnostics_about_the_single_output_still_point_at_output()
    {
        var json = Head + SwarmRules + "\"output\": \"flops\" }";
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.InvalidOutput, d.Code);
        Assert.Equal("output", d.Location);
        Assert.Equal(PositionOf(json, "\"flops\" }"), (d.Line, d.Column));
    }

    [Fact]
    public void A_document_with_outputs_compiles_and_scores_every_output()
    {
        var compiled = RuleSetDocument.Compile(Encoding.UTF8.GetBytes(Swarm)).GetValueOrThrow();
        var batch = compiled.CreateBatch();
        var row = batch.AddRow();
        batch.SetDouble(0, row, 3e12);
        batch.SetBool(1, row, true);
        var result = compiled.EvaluateRow(batch, row);
        Assert.Equal(Points.FromWhole(3), result.GetPoints("compute"));
        Assert.Equal(Points.FromWhole(1), result.GetPoints("presence"));
        Assert.Equal(3e12 * 1e-12 / 3.0, result.GetDouble("score"));
    }
}
