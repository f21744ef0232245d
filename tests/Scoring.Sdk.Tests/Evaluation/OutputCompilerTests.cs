using Scoring.Evaluation;
using Scoring.Language;
using Scoring.RuleSets;
using Scoring.Sdk.Tests.Generators;

namespace Scoring.Sdk.Tests.Evaluation;

/// <summary>What the compiler demands of several outputs, and the IR it gives them.</summary>
public class OutputCompilerTests
{
    private static IReadOnlyList<Diagnostic> Errors(RuleSet ruleSet, RuleSetLimits? limits = null)
    {
        var result = RuleSetCompiler.Compile(ruleSet, new RuleSetCompilerOptions { Limits = limits ?? RuleSetLimits.Default });
        Assert.False(result.Succeeded);
        return result.Diagnostics;
    }

    private static RuleSetBuilder TwoRules() => RuleGenerators.Schema()
        .Rule("compute", r => r.Set("compute", "d0 * 2"))
        .Rule("presence", r => r.Set("presence", "b0 ? 1.0 : 0.0"));

    [Fact]
    public void Every_output_must_be_assigned_on_every_path()
    {
        var rs = RuleGenerators.Schema()
            .Rule("compute", r => r.Set("compute", "d0 * 2"))
            .Rule("bonus", r => r.When("b0").Set("presence", "1.0"))
            .Output("compute").Output("presence", RuleOutputType.Double)
            .Build();
        var d = Assert.Single(Errors(rs));
        Assert.Equal(DiagnosticCode.InvalidOutput, d.Code);
        Assert.Equal("outputs.presence", d.Location);
        Assert.Equal("the output 'presence' is not assigned on every path: only rule 'bonus' assigns it, and only when its condition holds; assign it in a rule without 'when' first", d.Message);
    }

    [Fact]
    public void Each_output_that_no_rule_assigns_is_reported()
    {
        var rs = TwoRules().Output("compute").Output("nope").Output("never", RuleOutputType.Double).Build();
        var errors = Errors(rs);
        Assert.Equal(["outputs.nope", "outputs.never"], errors.Select(e => e.Location));
        Assert.All(errors, e => Assert.Contains("no rule assigns it", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Output_names_are_unique()
    {
        var rs = TwoRules().Output("compute").Output("presence").Output("compute", RuleOutputType.Double).Build();
        var d = Assert.Single(Errors(rs));
        Assert.Equal(DiagnosticCode.DuplicateName, d.Code);
        Assert.Equal("outputs.compute", d.Location);
        Assert.Contains("output 'compute' is named twice", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_MaxOutputs_outputs()
    {
        var b = RuleGenerators.Schema();
        for (var i = 0; i < 17; i++) b.Rule($"r{i}", r => r.Set($"o{i}", "1.0")).Output($"o{i}");
        var d = Assert.Single(Errors(b.Build()));
        Assert.Equal(DiagnosticCode.LimitExceeded, d.Code);
        Assert.Equal("outputs", d.Location);
        Assert.Contains("17 outputs exceed the limit of 16", d.Message, StringComparison.Ordinal);
        Assert.Equal(16, RuleSetLimits.Default.MaxOutputs);
        Assert.Equal(DiagnosticCode.LimitExceeded, Assert.Single(Errors(TwoRules().Output("compute").Output("presence").Build(), new RuleSetLimits { MaxOutputs = 1 })).Code);
    }

    [Fact]
    public void An_output_is_a_number_and_a_variable()
    {
        var notANumber = Assert.Single(Errors(TwoRules().Rule("flag", r => r.Set("flag", "b0")).Output("compute").Output("flag", RuleOutputType.Double).Build()));
        Assert.Equal(DiagnosticCode.InvalidOutput, notANumber.Code);
        Assert.Contains("the output 'flag' must be a number, but this assigns a bool", notANumber.Message, StringComparison.Ordinal);

        var anInput = Assert.Single(Errors(TwoRules().Output("compute").Output("d1", RuleOutputType.Double).Build()));
        Assert.Equal(DiagnosticCode.InvalidOutput, anInput.Code);
        Assert.Equal("outputs.d1", anInput.Location);
        Assert.Contains("not an input, parameter or table", anInput.Message, StringComparison.Ordinal);

        Assert.Equal(DiagnosticCode.InvalidOutput, Assert.Single(Errors(TwoRules().Output("compute").Output("", RuleOutputType.Double).Build())).Code);
    }

    [Fact]
    public void Outputs_become_ir_outputs_of_double_slots_in_order()
    {
        var compiled = RuleSetCompiler.CompileOrThrow(TwoRules()
            .Rule("count", r => r.Set("count", "i0"))
            .Output("presence").Output("count", RuleOutputType.Double).Output("compute")
            .Build());
        var outputs = compiled.Program.Outputs;
        Assert.Equal([(0, "presence", RuleOutputType.Points), (1, "count", RuleOutputType.Double), (2, "compute", RuleOutputType.Points)], outputs.Select(o => (o.Index, o.Name, o.Type)));
        Assert.All(outputs, o => Assert.Equal(IrType.Double, o.Variable.Type)); // an int value assigned to an output widens
        Assert.All(outputs, o => Assert.Equal(o.Name, o.Variable.Name));
        Assert.Same(outputs[0].Variable, compiled.Program.Output);
        var count = compiled.Program.Rules.Single(r => r.Name == "count").Assignments.Single().Value;
        Assert.Equal(IrUnaryOp.IntToDouble, Assert.IsType<IrUnary>(count).Op);
    }

    [Fact]
    public void A_rule_program_checks_its_outputs()
    {
        var d = new IrVariable(0, "d", IrType.Double);
        var i = new IrVariable(1, "i", IrType.Int);
        RuleProgram Program(params IrOutput[] outputs) => new([], new SymbolTable([]), [], [], [d, i], [], outputs);
        Assert.Throws<ArgumentException>(() => Program());
        Assert.Throws<ArgumentException>(() => Program(new IrOutput(1, "d", d, RuleOutputType.Points)));
        Assert.Throws<ArgumentException>(() => Program(new IrOutput(0, "i", i, RuleOutputType.Double)));
        Assert.Throws<ArgumentException>(() => Program(new IrOutput(0, "x", new IrVariable(5, "x", IrType.Double), RuleOutputType.Double)));
        Assert.Equal(RuleOutputType.Double, Program(new IrOutput(0, "d", d, RuleOutputType.Double)).Outputs[0].Type);
    }
}
