using System.Text;
using Scoring.Language;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.RuleSets;

/// <summary>Untrusted documents: each gets one clear diagnostic, never a crash, a hang or a stack overflow.</summary>
public class HostileDocumentTests
{
    private const string Head = """{ "id": "x", "version": 1, "effectiveFrom": "2026-01-01T00:00:00Z", """;

    private static Diagnostic OnlyError(string json, RuleSetLimits? limits = null)
    {
        var result = RuleSetDocument.Compile(Encoding.UTF8.GetBytes(json), limits);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Document_over_the_size_limit_is_refused_before_parsing()
    {
        // not even valid JSON: proves nothing was parsed
        var bytes = new byte[10 * 1024 * 1024];
        Array.Fill(bytes, (byte)'{');
        var read = RuleSetDocument.Read(bytes);
        var d = Assert.Single(read.Diagnostics);
        Assert.Equal(DiagnosticCode.DocumentTooLarge, d.Code);
        Assert.Contains("10485760 bytes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_before_reading()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[2 * 1024 * 1024]);
            Assert.Equal(DiagnosticCode.DocumentTooLarge, Assert.Single(RuleSetDocument.CompileFile(path).Diagnostics).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Deeply_nested_json_is_refused_at_the_depth_limit()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);
        var d = OnlyError(json, new RuleSetLimits { MaxDocumentBytes = int.MaxValue });
        Assert.Equal(DiagnosticCode.InvalidJson, d.Code);
        Assert.Contains("nests deeper than the limit of 16", d.Message, StringComparison.Ordinal);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void Deep_json_inside_a_valid_member_is_refused_too()
    {
        var json = Head + "\"description\": " + new string('[', 40) + new string(']', 40) + ", \"rules\": [], \"output\": \"p\" }";
        Assert.Equal(DiagnosticCode.InvalidJson, OnlyError(json).Code);
    }

    [Fact]
    public void A_million_rules_are_refused_while_reading()
    {
        var sb = new StringBuilder(Head).Append("\"rules\": [");
        for (var i = 0; i < 1_000_000; i++) sb.Append(i == 0 ? "" : ",").Append("{\"name\":\"r\",\"set\":{\"p\":\"1\"}}");
        sb.Append("], \"output\": \"p\" }");
        var d = OnlyError(sb.ToString(), new RuleSetLimits { MaxDocumentBytes = int.MaxValue });
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
        Assert.True(d.IsFilePosition);
    }

    [Fact]
    public void Rules_over_the_rule_limit_are_refused_with_the_rules_position()
    {
        var rules = string.Join(",", Enumerable.Range(0, 1_001).Select(i => $"{{\"name\":\"r{i}\",\"set\":{{\"p\":\"1.0\"}}}}"));
        var d = OnlyError(Head + "\"rules\": [" + rules + "], \"output\": \"p\" }");
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
        Assert.Contains("1000 rules", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_table_is_refused()
    {
        var entries = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"\"k{i}\":1"));
        var d = OnlyError(Head + "\"tables\": { \"t\": { \"keyType\": \"string\", \"entries\": {" + entries + "} } }, \"rules\": [{\"name\":\"r\",\"set\":{\"p\":\"1.0\"}}], \"output\": \"p\" }");
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
    }

    [Fact]
    public void A_ten_megabyte_number_is_refused()
    {
        var number = new string('7', 10_000_000);
        var limits = new RuleSetLimits { MaxDocumentBytes = int.MaxValue };
        var inJson = OnlyError(Head + "\"parameters\": { \"rate\": " + number + ".5 }, \"rules\": [], \"output\": \"p\" }", limits);
        Assert.Equal(DiagnosticCode.NumberTooLong, inJson.Code);
        var inExpression = OnlyError(Head + "\"rules\": [{\"name\":\"r\",\"set\":{\"p\":\"" + number + "\"}}], \"output\": \"p\" }", limits);
        Assert.Equal(DiagnosticCode.ExpressionTooLong, inExpression.Code);
        Assert.Equal("rules[0].set.p", inExpression.Location);
    }

    [Fact]
    public void A_hundred_thousand_parentheses_in_an_expression_are_refused()
    {
        var parens = new string('(', 100_000) + "1" + new string(')', 100_000);
        var limits = new RuleSetLimits { MaxDocumentBytes = int.MaxValue, MaxExpressionLength = int.MaxValue };
        var d = OnlyError(Head + "\"rules\": [{\"name\":\"r\",\"set\":{\"p\":\"" + parens + "\"}}], \"output\": \"p\" }", limits);
        Assert.Equal(DiagnosticCode.NestingTooDeep, d.Code);
        Assert.True(d.IsFilePosition);
    }

    [Fact]
    public void Garbage_bytes_are_invalid_json_not_a_crash()
    {
        var random = new Random(1234);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var result = RuleSetDocument.Compile(bytes);
            Assert.False(result.Succeeded);
            Assert.NotEmpty(result.Diagnostics);
        }
    }

    [Fact]
    public void Truncations_of_a_valid_document_never_crash()
    {
        var json = Encoding.UTF8.GetBytes(ImageJobRuleSet.Json);
        for (var length = 0; length < json.Length; length += 7)
        {
            var result = RuleSetDocument.Compile(json[..length]);
            Assert.False(result.Succeeded);
            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        }
        Assert.True(RuleSetDocument.Compile(json).Succeeded);
    }
}
