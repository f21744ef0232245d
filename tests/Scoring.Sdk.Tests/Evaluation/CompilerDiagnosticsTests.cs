using Scoring.Evaluation;
using Scoring.Language;
using Scoring.RuleSets;
using Scoring.Sdk.Tests.Generators;

namespace Scoring.Sdk.Tests.Evaluation;

public class CompilerDiagnosticsTests
{
    private static Diagnostic Single(RuleSet ruleSet, RuleSetLimits? limits = null)
    {
        var result = RuleSetCompiler.Compile(ruleSet, new RuleSetCompilerOptions { Limits = limits ?? RuleSetLimits.Default });
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics);
    }

    private static Diagnostic Expression(string expression) => Single(RuleGenerators.SingleExpression(expression));

    [Theory]
    [InlineData("d0 + nope", DiagnosticCode.UnknownName, 6, "'nope'")]
    [InlineData("sqrt(d0)", DiagnosticCode.UnknownFunction, 1, "'sqrt'")]
    [InlineData("nope[s0]", DiagnosticCode.UnknownTable, 1, "'nope'")]
    [InlineData("tr[s0]", DiagnosticCode.UnknownTable, 1, "tier(tr, x)")]
    [InlineData("tier(tS, d0)", DiagnosticCode.UnknownTier, 6, "tS[key]")]
    [InlineData("tier(d0 + 1, d0)", DiagnosticCode.UnknownTier, 6, "name of a tier table")]
    [InlineData("d0 + s0", DiagnosticCode.TypeMismatch, 6, "'s0' is string")]
    [InlineData("b0 ? 1 : s0", DiagnosticCode.TypeMismatch, 1, "same type")]
    [InlineData("d0 ? 1 : 2", DiagnosticCode.TypeMismatch, 1, "must be bool")]
    [InlineData("tS[i0]", DiagnosticCode.TypeMismatch, 4, "string keys")]
    [InlineData("tI[d0]", DiagnosticCode.TypeMismatch, 4, "int keys")]
    [InlineData("s0 < \"b\" ? 1 : 0", DiagnosticCode.TypeMismatch, 1, "compares numbers")]
    [InlineData("b0 == d0 ? 1 : 0", DiagnosticCode.TypeMismatch, 1, "cannot compare")]
    [InlineData("(s0 in [1]) ? 1 : 0", DiagnosticCode.TypeMismatch, 9, "does not match")]
    [InlineData("(b0 in [true]) ? 1 : 0", DiagnosticCode.TypeMismatch, 2, "bool")]
    [InlineData("!d0 ? 1 : 0", DiagnosticCode.TypeMismatch, 1, "'!' needs a bool")]
    [InlineData("-s0", DiagnosticCode.TypeMismatch, 2, "number")]
    [InlineData("min(d0)", DiagnosticCode.WrongArgumentCount, 1, "at least 2")]
    [InlineData("abs(d0, d1)", DiagnosticCode.WrongArgumentCount, 1, "takes 1 argument")]
    [InlineData("clamp(d0, 1)", DiagnosticCode.WrongArgumentCount, 1, "3")]
    [InlineData("tS + 1", DiagnosticCode.TypeMismatch, 1, "lookup table")]
    [InlineData("d0 + x", DiagnosticCode.UnknownName, 6, "'x'")]
    [InlineData("d0 + points", DiagnosticCode.UnassignedVariable, 6, "rule 'only' assigns it later")]
    [InlineData("s0", DiagnosticCode.InvalidOutput, 1, "must be a number")]
    public void Expression_errors_name_the_place_and_the_text(string expression, DiagnosticCode code, int column, string mentioned)
    {
        var d = Expression(expression);
        Assert.Equal(code, d.Code);
        Assert.Equal((1, column), (d.Line, d.Column));
        Assert.Equal("rules[0].set.points", d.Location);
        Assert.Contains(mentioned, d.Message, StringComparison.Ordinal);
        Assert.StartsWith($"rules[0].set.points:1:{column}: ", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_variable_assigned_only_by_a_conditional_rule_cannot_be_read_later()
    {
        var rs = RuleGenerators.Schema()
            .Rule("maybe", r => r.When("b0").Set("bonus", "1.0"))
            .Rule("use", r => r.Set("points", "d0 + bonus"))
            .Build();
        var d = Single(rs);
        Assert.Equal(DiagnosticCode.UnassignedVariable, d.Code);
        Assert.Contains("rule 'maybe' assigns it only when its condition holds", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_names_is_an_unassigned_read()
    {
        var rs = RuleGenerators.Schema()
            .Rule("x", r => r.Set("x", "y + 1"))
            .Rule("y", r => r.Set("y", "x + 1").Set("points", "x + y"))
            .Build();
        var d = RuleSetCompiler.Compile(rs).Diagnostics[0];
        Assert.Equal(DiagnosticCode.UnassignedVariable, d.Code);
        Assert.Equal("rules[0].set.x", d.Location);
        Assert.Contains("rule 'y' assigns it later", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_must_be_assigned_on_every_path()
    {
        var rs = RuleGenerators.Schema().Rule("maybe", r => r.When("b0").Set("points", "1.0")).Build();
        var d = Single(rs);
        Assert.Equal(DiagnosticCode.InvalidOutput, d.Code);
        Assert.Contains("only rule 'maybe' assigns it", d.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticCode.InvalidOutput, Single(RuleGenerators.Schema().Rule("r", r => r.Set("x", "1.0")).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidOutput, Single(RuleGenerators.Schema().Rule("r", r => r.Set("points", "1.0")).Output("d0").Build()).Code);
    }

    [Fact]
    public void Inputs_cannot_be_assigned_and_variables_keep_their_type()
    {
        Assert.Equal(DiagnosticCode.InvalidAssignment, Single(RuleGenerators.Schema().Rule("r", r => r.Set("d0", "1.0").Set("points", "1.0")).Build()).Code);
        var d = Single(RuleGenerators.Schema().Rule("r", r => r.Set("x", "1.0").Set("x", "s0").Set("points", "x")).Build());
        Assert.Equal(DiagnosticCode.InvalidAssignment, d.Code);
        Assert.Contains("'x' is double", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_are_checked()
    {
        Action<RuleBuilder> rule = r => r.Set("points", "1.0");
        Assert.Equal(DiagnosticCode.DuplicateName, Single(new RuleSetBuilder("x").Input("a", ScalarType.Int).Parameter("a", 1.0).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidName, Single(new RuleSetBuilder("x").Input("min", ScalarType.Int).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidName, Single(new RuleSetBuilder("x").Input("2x", ScalarType.Int).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.DuplicateName, Single(new RuleSetBuilder("x").Rule("r", rule).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidValue, Single(new RuleSetBuilder("x").Parameter("p", double.NaN).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidValue, Single(new RuleSetBuilder("").Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidValue, Single(new RuleSetBuilder("swarm\npoints").Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidValue, Single(new RuleSetBuilder("x").Version("1\u0000").Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidOutput, Single(new RuleSetBuilder("x").Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidTable, Single(new RuleSetBuilder("x").Table("t", ScalarType.String, t => t.Entry("a", 1).Entry("a", 2)).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidTable, Single(new RuleSetBuilder("x").Table("t", ScalarType.String, t => t.Entry("a", double.PositiveInfinity)).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidTable, Single(new RuleSetBuilder("x").Table("t", ScalarType.Double, t => t.Default(1)).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidTable, Single(new RuleSetBuilder("x").Tier("t", t => t.Step(1, 1).Step(1, 2)).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidTable, Single(new RuleSetBuilder("x").Tier("t", t => t.Default(1)).Rule("r", rule).Build()).Code);
        Assert.Equal(DiagnosticCode.InvalidTable, Single(new RuleSetBuilder("x").Tier("t", t => t.Step(double.NaN, 1)).Rule("r", rule).Build()).Code);
    }

    [Fact]
    public void Several_independent_errors_are_all_reported()
    {
        var rs = RuleGenerators.Schema()
            .Rule("a", r => r.Set("points", "d0 +"))
            .Rule("b", r => r.When("nope").Set("points", "1.0"))
            .Build();
        var result = RuleSetCompiler.Compile(rs);
        Assert.Equal(["rules[0].set.points", "rules[1].when"], result.Diagnostics.Select(d => d.Location));
    }

    [Fact]
    public void A_million_rules_are_refused_by_count_before_any_parsing()
    {
        var rules = Enumerable.Range(0, 1_000_000).Select(i => new Rule($"r{i}", null, [new Assignment("points", "(((")]));
        var rs = new RuleSet("x", "1", null, DateTimeOffset.UnixEpoch, [], [], [], [], rules, "points");
        var d = Single(rs);
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
        Assert.Contains("1000000 rules exceed the limit of 1000", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_tables_and_total_size_are_bounded()
    {
        var big = new RuleSetBuilder("x").Table("t", ScalarType.Int, t =>
        {
            for (var i = 0; i < 200_000; i++) t.Entry(i, 1.0);
        }).Rule("r", r => r.Set("points", "1.0")).Build();
        Assert.Equal(DiagnosticCode.LimitExceeded, Single(big).Code);

        var wide = RuleGenerators.Schema();
        for (var i = 0; i < 200; i++) wide.Rule($"r{i}", r => r.Set("points", string.Join(" + ", Enumerable.Repeat("(d0 * d1)", 20))));
        var d = Single(wide.Build(), new RuleSetLimits { MaxTotalNodes = 5_000 });
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
        Assert.Contains("5000 expression nodes", d.Message, StringComparison.Ordinal);
    }
}
