using Scoring.Language;

namespace Scoring.Sdk.Tests.Language;

public class ParserDiagnosticsTests
{
    private static Diagnostic Error(string text, RuleSetLimits? limits = null)
    {
        var result = ExpressionParser.Parse(text, limits);
        Assert.Null(result.Syntax);
        return result.Error!;
    }

    [Theory]
    [InlineData("a = b", DiagnosticCode.UnexpectedCharacter, 1, 3, "'=='")]
    [InlineData("a & b", DiagnosticCode.UnexpectedCharacter, 1, 3, "'&&'")]
    [InlineData("a #", DiagnosticCode.UnexpectedCharacter, 1, 3, "'#'")]
    [InlineData("\"abc", DiagnosticCode.UnterminatedString, 1, 1, "closing")]
    [InlineData("\"a\\qb\"", DiagnosticCode.InvalidEscape, 1, 3, "\\q")]
    [InlineData("12abc", DiagnosticCode.InvalidNumber, 1, 1, "12abc")]
    [InlineData("x + 1e", DiagnosticCode.InvalidNumber, 1, 5, "exponent")]
    [InlineData("99999999999999999999", DiagnosticCode.InvalidNumber, 1, 1, "64 bits")]
    [InlineData("1e999", DiagnosticCode.InvalidNumber, 1, 1, "too large")]
    [InlineData("a +", DiagnosticCode.UnexpectedToken, 1, 4, "end of the expression")]
    [InlineData("(a", DiagnosticCode.UnexpectedToken, 1, 3, "')'")]
    [InlineData("a b", DiagnosticCode.UnexpectedToken, 1, 3, "'b'")]
    [InlineData("a < b < c", DiagnosticCode.UnexpectedToken, 1, 7, "chained")]
    [InlineData("x in [a]", DiagnosticCode.UnexpectedToken, 1, 7, "literal")]
    [InlineData("x in 1", DiagnosticCode.UnexpectedToken, 1, 6, "'['")]
    [InlineData("c ? a", DiagnosticCode.UnexpectedToken, 1, 6, "':'")]
    [InlineData("   ", DiagnosticCode.EmptyExpression, 1, 1, "empty")]
    [InlineData("a +\n  * b", DiagnosticCode.UnexpectedToken, 2, 3, "'*'")]
    public void Syntax_errors_name_the_place_and_the_text(string text, DiagnosticCode code, int line, int column, string mentioned)
    {
        var d = Error(text);
        Assert.Equal(code, d.Code);
        Assert.Equal((line, column), (d.Line, d.Column));
        Assert.Contains(mentioned, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_string_literal_is_refused()
    {
        var d = Error("\"" + new string('x', 300) + "\"");
        Assert.Equal(DiagnosticCode.ExpressionTooLong, d.Code);
    }

    [Fact]
    public void Hundred_thousand_nested_parentheses_are_refused_without_recursion()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);
        Assert.Equal(DiagnosticCode.ExpressionTooLong, Error(text).Code); // over the length limit: not even lexed
        var d = Error(text, new RuleSetLimits { MaxExpressionLength = int.MaxValue });
        Assert.Equal(DiagnosticCode.NestingTooDeep, d.Code);
        Assert.Equal((1, 65), (d.Line, d.Column)); // the first '(' past the limit of 64
    }

    [Fact]
    public void Long_unary_chains_and_long_operator_chains_are_bounded()
    {
        var limits = new RuleSetLimits { MaxExpressionLength = int.MaxValue };
        Assert.Equal(DiagnosticCode.NestingTooDeep, Error(new string('-', 100_000) + "x", limits).Code);
        Assert.Equal(DiagnosticCode.NestingTooDeep, Error(string.Join(" + ", Enumerable.Repeat("x", 100_000)), limits).Code);
        Assert.Equal(DiagnosticCode.NestingTooDeep, Error(string.Join(" ? 1 : ", Enumerable.Repeat("c", 100_000)) + " ? 1 : 2", limits).Code);
        Assert.Equal(DiagnosticCode.NestingTooDeep, Error(new string('[', 0) + string.Concat(Enumerable.Repeat("t[", 100_000)) + "1" + new string(']', 100_000), limits).Code);
    }

    [Fact]
    public void Ten_megabyte_number_literal_is_refused()
    {
        var number = new string('9', 10_000_000);
        Assert.Equal(DiagnosticCode.ExpressionTooLong, Error(number).Code);
        var d = Error("1 + " + number, new RuleSetLimits { MaxExpressionLength = int.MaxValue });
        Assert.Equal(DiagnosticCode.NumberTooLong, d.Code);
        Assert.Equal((1, 5), (d.Line, d.Column));
        Assert.True(d.Text.Length <= 41);
    }

    [Fact]
    public void Expressions_at_the_depth_limit_still_parse()
    {
        var text = new string('(', 63) + "1" + new string(')', 63);
        Assert.NotNull(ExpressionParser.Parse(text).Syntax);
    }
}
