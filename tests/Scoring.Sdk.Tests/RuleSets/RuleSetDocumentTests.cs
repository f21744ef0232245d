using System.Text;
using Scoring.Evaluation;
using Scoring.Language;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.RuleSets;

public class RuleSetDocumentTests
{
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

    [Fact]
    public void Json_and_fluent_forms_give_equal_models_and_hashes()
    {
        var fromJson = ReadValid(ImageJobRuleSet.Json);
        var fromCode = ImageJobRuleSet.Fluent();
        Assert.Equal(fromCode.ContentHash, fromJson.ContentHash);
        Assert.Equal(fromCode, fromJson);
        Assert.Equal(64, fromJson.ContentHash.Length);
    }

    [Fact]
    public void Hash_changes_when_anything_meaningful_changes()
    {
        var baseline = ImageJobRuleSet.Fluent().ContentHash;
        var changedRate = ReadValid(ImageJobRuleSet.Json.Replace("\"rate\": 1e-6", "\"rate\": 2e-6", StringComparison.Ordinal)).ContentHash;
        var changedRule = ReadValid(ImageJobRuleSet.Json.Replace("latency > deadline", "latency >= deadline", StringComparison.Ordinal)).ContentHash;
        var changedTime = ReadValid(ImageJobRuleSet.Json.Replace("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", StringComparison.Ordinal)).ContentHash;
        Assert.Equal(4, new[] { baseline, changedRate, changedRule, changedTime }.Distinct().Count());
    }

    [Fact]
    public void Hash_ignores_formatting_and_table_entry_order()
    {
        var reordered = ImageJobRuleSet.Json
            .Replace("\"sd15\": 0.3, \"sdxl\": 1.0", "\"sdxl\": 1.0, \"sd15\": 0.3", StringComparison.Ordinal)
            .Replace("\n", "\n  ", StringComparison.Ordinal);
        Assert.Equal(ImageJobRuleSet.Fluent().ContentHash, ReadValid(reordered).ContentHash);
    }

    [Fact]
    public void Write_then_read_gives_the_same_model()
    {
        var model = ImageJobRuleSet.Fluent();
        var text = RuleSetDocument.Write(model);
        Assert.Equal(model.ContentHash, ReadValid(text).ContentHash);
    }

    [Fact]
    public void Integer_version_and_int_parameters_are_kept_as_written()
    {
        var json = """{ "id": "x", "version": 3, "effectiveFrom": "2026-01-01T00:00:00Z", "parameters": { "n": 18, "d": 18.0 }, "rules": [ { "name": "r", "set": { "points": "n + d" } } ], "output": "points" }""";
        var model = ReadValid(json);
        Assert.Equal("3", model.Version);
        Assert.Equal(ScalarValue.FromInt(18), model.Parameters[0].Value);
        Assert.Equal(ScalarValue.FromDouble(18.0), model.Parameters[1].Value);
    }

    [Fact]
    public void Type_error_in_an_expression_is_reported_at_its_line_and_column_in_the_file()
    {
        var json = ImageJobRuleSet.Json.Replace("latency > deadline", "latency > category", StringComparison.Ordinal);
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.TypeMismatch, d.Code);
        Assert.True(d.IsFilePosition);
        var lines = json.Split('\n');
        Assert.Contains("\"deadline\", \"when\"", lines[d.Line - 1], StringComparison.Ordinal);
        Assert.Equal("category", lines[d.Line - 1].Substring(d.Column - 1, "category".Length));
        Assert.Equal("rules[3].when", d.Location);
    }

    [Fact]
    public void Expression_with_escapes_falls_back_to_a_position_inside_the_expression()
    {
        var json = ImageJobRuleSet.Json.Replace("category in [\\\"flux\\\"]", "category in [\\\"flux\\\"] && nope", StringComparison.Ordinal);
        var d = SingleError(json);
        Assert.Equal(DiagnosticCode.UnknownName, d.Code);
        Assert.False(d.IsFilePosition);
        Assert.StartsWith("rules[4].when:1:", d.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [], "output": "p", "colour": 1 }""", DiagnosticCode.UnknownMember)]
    [InlineData("""{ "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [], "output": "p" }""", DiagnosticCode.MissingMember)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "yesterday", "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00", "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1.5, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "inputs": { "a": "float" }, "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "tables": { "t": { "keyType": "double", "entries": {} } }, "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "tables": { "t": { "keyType": "int", "entries": { "one": 1 } } }, "rules": [], "output": "p" }""", DiagnosticCode.InvalidTable)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "tiers": { "t": { "steps": [[1, 2, 3]] } }, "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [ { "name": "r" } ], "output": "p" }""", DiagnosticCode.MissingMember)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [ { "name": "r", "set": { "p": 1 } } ], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "id": "y", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [], "output": "p" }""", DiagnosticCode.InvalidValue)]
    [InlineData("""{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", "rules": [ { "name": "r", "set": { "p": "1" } } ], "output": "p", }  x""", DiagnosticCode.InvalidJson)]
    [InlineData("""[1, 2]""", DiagnosticCode.InvalidValue)]
    [InlineData("", DiagnosticCode.InvalidJson)]
    public void Malformed_documents_get_one_clear_diagnostic(string json, DiagnosticCode code)
    {
        var d = SingleError(json);
        Assert.Equal(code, d.Code);
        Assert.True(d.IsFilePosition);
        Assert.True(d.Line >= 1 && d.Column >= 1);
        Assert.False(string.IsNullOrWhiteSpace(d.Message));
    }

    [Fact]
    public void Unknown_member_is_located_at_the_member_name()
    {
        var d = SingleError("{\n  \"id\": \"x\", \"version\": 1, \"effectiveFrom\": \"2026-01-01T00:00:00Z\",\n  \"rules\": [], \"output\": \"p\",\n    \"colour\": 1\n}");
        Assert.Equal((4, 5), (d.Line, d.Column));
        Assert.Contains("colour", d.Message, StringComparison.Ordinal);
    }
}
