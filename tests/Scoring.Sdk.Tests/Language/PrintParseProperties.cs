using FsCheck;
using FsCheck.Fluent;
using Scoring.Language;
using Scoring.Sdk.Tests.Generators;

namespace Scoring.Sdk.Tests.Language;

public class PrintParseProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500);

    private static SyntaxNode ParseOk(string text)
    {
        var parsed = ExpressionParser.Parse(text);
        Assert.True(parsed.Syntax is not null, $"{parsed.Error} in {text}");
        return parsed.Syntax!;
    }

    [Fact]
    public void Print_then_parse_gives_the_same_tree()
    {
        var texts = Gen.OneOf(RuleGenerators.DoubleExpression(5, true), RuleGenerators.BoolExpression(5, true));
        Check.One(Config, Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var tree = ParseOk(text);
            var printed = ExpressionPrinter.Print(tree);
            var again = ParseOk(printed);
            return SyntaxNode.SyntaxEquals(tree, again) && ExpressionPrinter.Print(again) == printed;
        }));
    }

    [Fact]
    public void Any_double_literal_survives_print_and_parse_bit_for_bit()
    {
        var finite = ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(Math.Abs);
        Check.One(Config, Prop.ForAll(finite.ToArbitrary(), d =>
        {
            var tree = new LiteralSyntax(Scoring.RuleSets.ScalarValue.FromDouble(d), default);
            var again = ParseOk(ExpressionPrinter.Print(tree));
            return SyntaxNode.SyntaxEquals(tree, again);
        }));
    }

    [Fact]
    public void Any_string_literal_survives_print_and_parse()
    {
        Check.One(Config, Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null && s.Length <= 200), s =>
        {
            var tree = new LiteralSyntax(Scoring.RuleSets.ScalarValue.FromString(s), default);
            return SyntaxNode.SyntaxEquals(tree, ParseOk(ExpressionPrinter.Print(tree)));
        }));
    }

    [Fact]
    public void Precedence_follows_the_grammar()
    {
        Assert.Equal("((a + (b * c)) < d)", ExpressionPrinter.Print(ParseOk("a + b * c < d")));
        Assert.Equal("((a || (b && c)) ? x : (y ? z : w))", ExpressionPrinter.Print(ParseOk("a || b && c ? x : y ? z : w")));
        Assert.Equal("((a - b) - c)", ExpressionPrinter.Print(ParseOk("a - b - c")));
        Assert.Equal("(-a * b)", ExpressionPrinter.Print(ParseOk("-a * b")));
        Assert.Equal("((x in [1, -2.5, \"s\"]) == !b)", ExpressionPrinter.Print(ParseOk("x in [1, -2.5, \"s\"] == !b")));
        Assert.Equal("(t[(k + 1)] + tier(tt, min(a, b, c)))", ExpressionPrinter.Print(ParseOk("t[k+1] + tier(tt, min(a,b,c))")));
    }
}
