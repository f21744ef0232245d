using Scoring.Evaluation;
using Scoring.Language;
using Scoring.RuleSets;
using Scoring.Sdk.Tests.Generators;

namespace Scoring.Sdk.Tests.Language;

/// <summary><c>tableMax(table)</c>: checked like a call, folded to the table's largest entry at compile time.</summary>
public class TableMaxTests
{
    // Schema tables: tS { a: 1.5, b: -2.0, c: 0.0 } default 7.0 · tN { a: 0.25, b: 4.0 } · tI { -5: 0.5, 1: 10.0, 2: 20.0 }
    private static CompiledRuleSet Compile(string expression, bool foldConstants = true) =>
        RuleSetCompiler.CompileOrThrow(RuleGenerators.SingleExpression(expression), new RuleSetCompilerOptions { FoldConstants = foldConstants });

    private static IrExpression Value(CompiledRuleSet compiled) => compiled.Program.Rules[0].Assignments[0].Value;

    private static Diagnostic Error(string expression)
    {
        var result = RuleSetCompiler.Compile(RuleGenerators.SingleExpression(expression));
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics);
    }

    [Theory]
    [InlineData("tableMax(tS)", 1.5)] // the default 7.0 is not an entry
    [InlineData("tableMax(tN)", 4.0)]
    [InlineData("tableMax(tI)", 20.0)]
    public void It_is_the_largest_entry_as_a_double_constant_even_without_constant_folding(string expression, double expected)
    {
        var constant = Assert.IsType<IrConstant>(Value(Compile(expression, foldConstants: false)));
        Assert.Equal(IrType.Double, constant.Type);
        Assert.Equal(expected, constant.DoubleValue);
    }

    [Fact]
    public void Inside_an_expression_every_backend_sees_a_literal()
    {
        var value = Assert.IsType<IrBinary>(Value(Compile("d0 / tableMax(tN)", foldConstants: false)));
        Assert.Equal(4.0, Assert.IsType<IrConstant>(value.Right).DoubleValue);
        // with folding the whole constant part folds on: 1 / tableMax = 0.25
        Assert.Equal(0.25, Assert.IsType<IrConstant>(Value(Compile("1.0 / tableMax(tN)"))).DoubleValue);
    }

    [Fact]
    public void Signed_zeros_and_negative_entries_rank_like_Math_Max_whatever_their_order()
    {
        foreach (var (first, second) in new[] { (-0.0, 0.0), (0.0, -0.0) })
        {
            var compiled = RuleSetCompiler.CompileOrThrow(new RuleSetBuilder("zeros")
                .Table("z", ScalarType.String, t => t.Entry("x", first).Entry("y", second).Entry("w", -3.0))
                .Rule("r", r => r.Set("score", "tableMax(z)"))
                .Output("score", RuleOutputType.Double)
                .Build());
            var max = Assert.IsType<IrConstant>(Value(compiled)).DoubleValue;
            Assert.Equal(0L, BitConverter.DoubleToInt64Bits(max)); // +0.0, not -0.0
        }
        var negative = RuleSetCompiler.CompileOrThrow(new RuleSetBuilder("negative")
            .Table("n", ScalarType.Int, t => t.Entry(1, -3.0).Entry(2, -0.5).Entry(3, -7.0).Default(100))
            .Rule("r", r => r.Set("points", "tableMax(n)")).Build());
        Assert.Equal(-0.5, Assert.IsType<IrConstant>(Value(negative)).DoubleValue);
    }

    [Fact]
    public void It_scores_like_the_literal_it_stands_for()
    {
        var compiled = Compile("d0 / tableMax(tN) * 100");
        var batch = RuleGenerators.Fill(compiled, [[3.0, 0.0, 0.0, 0L, 0L, false, "a", ""]]);
        Assert.Equal(Points.FromDouble(3.0 / 4.0 * 100), compiled.Evaluate(batch, 0).Points);
    }

    [Theory]
    [InlineData("tableMax()", DiagnosticCode.WrongArgumentCount, 1, "takes 1 argument")]
    [InlineData("tableMax(tS, tN)", DiagnosticCode.WrongArgumentCount, 1, "not 2")]
    [InlineData("tableMax(tr)", DiagnosticCode.UnknownTable, 10, "'tr' is a tier table")]
    [InlineData("tableMax(d0)", DiagnosticCode.UnknownTable, 10, "'d0' is not a lookup table")]
    [InlineData("tableMax(p)", DiagnosticCode.UnknownTable, 10, "'p' is not a lookup table")]
    [InlineData("tableMax(nope)", DiagnosticCode.UnknownTable, 10, "unknown lookup table 'nope'")]
    [InlineData("tableMax(tS[s0])", DiagnosticCode.UnknownTable, 10, "must be the name of a lookup table, not the expression 'tS[s0]'")]
    [InlineData("tableMax(\"tS\")", DiagnosticCode.UnknownTable, 10, "not the expression")]
    [InlineData("tableMax(tS) && true ? 1 : 0", DiagnosticCode.TypeMismatch, 1, "'tableMax(tS)' is double")]
    public void Misuse_is_a_clear_diagnostic_at_the_argument(string expression, DiagnosticCode code, int column, string mentioned)
    {
        var d = Error(expression);
        Assert.Equal(code, d.Code);
        Assert.Equal((1, column), (d.Line, d.Column));
        Assert.Contains(mentioned, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_entries_has_no_maximum()
    {
        var result = RuleSetCompiler.Compile(new RuleSetBuilder("empty")
            .Table("e", ScalarType.String, t => t.Default(1.0))
            .Rule("r", r => r.Set("points", "tableMax(e)")).Build());
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCode.InvalidTable, d.Code);
        Assert.Contains("table 'e' has no entries", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_name_is_reserved()
    {
        var result = RuleSetCompiler.Compile(new RuleSetBuilder("x").Input("tableMax", ScalarType.Double).Rule("r", r => r.Set("points", "1.0")).Build());
        Assert.Equal(DiagnosticCode.InvalidName, Assert.Single(result.Diagnostics).Code);
    }
}
