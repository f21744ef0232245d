using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.RuleSets;
using Scoring.Sdk.Tests.Generators;

namespace Scoring.Sdk.Tests.Evaluation;

/// <summary>The compiled delegate, the interpreter and constant folding agree bit for bit on random programs and inputs.</summary>
public class DifferentialProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(200);

    private static CompiledRuleSet Compile(RuleSet ruleSet, bool fold = true)
    {
        var result = RuleSetCompiler.Compile(ruleSet, new RuleSetCompilerOptions { FoldConstants = fold });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics) + "\n" + RuleSetDocument.Write(ruleSet));
        return result.Compiled!;
    }

    private static bool Agree(CompiledRuleSet compiled, CompiledRuleSet reference, object[][] reports)
    {
        var batch = RuleGenerators.Fill(compiled, reports);
        var referenceBatch = RuleGenerators.Fill(reference, reports);
        var units = new long[batch.Count];
        var errors = new EvaluationError[batch.Count];
        compiled.Evaluate(batch, units, errors);
        for (var row = 0; row < batch.Count; row++)
        {
            var oracle = reference.Explain(referenceBatch, row);
            var (result, output) = compiled.EvaluateWithOutput(batch, row);
            if (result != oracle.Result || units[row] != oracle.Result.Units || errors[row] != oracle.Result.Error) return false;
            if (oracle.OutputValue is { } expected && !RuleGenerators.SameDouble(expected, output)) return false;
        }
        return true;
    }

    [Fact]
    public void Compiled_delegate_agrees_with_the_interpreter()
    {
        var cases = RuleGenerators.RuleSets().SelectMany(rs => RuleGenerators.Reports().Select(r => (rs, r)));
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var compiled = Compile(c.rs);
            return Agree(compiled, compiled, c.r);
        }));
    }

    [Fact]
    public void The_fired_rules_are_the_rules_explain_marks_fired()
    {
        var cases = RuleGenerators.RuleSets().SelectMany(rs => RuleGenerators.Reports().Select(r => (rs, r)));
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var compiled = Compile(c.rs);
            var batch = RuleGenerators.Fill(compiled, c.r);
            for (var row = 0; row < batch.Count; row++)
            {
                var explained = compiled.Explain(batch, row).Rules.Where(r => r.Outcome == RuleOutcome.Fired).Select(r => r.Name);
                if (!explained.SequenceEqual(compiled.FiredRules(batch, row).Select(r => r.Name)))
                    return false;
            }
            return true;
        }));
    }

    [Fact]
    public void Constant_folding_never_changes_a_result()
    {
        var cases = RuleGenerators.RuleSets().SelectMany(rs => RuleGenerators.Reports().Select(r => (rs, r)));
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c => Agree(Compile(c.rs, fold: true), Compile(c.rs, fold: false), c.r)));
    }

    [Fact]
    public void Constant_only_expressions_fold_to_the_same_value()
    {
        // expressions over literals and parameters only: folding does nearly all the work here
        var constant = RuleGenerators.DoubleExpression(4, false)
            .Select(e => e.Replace("d0", "p", StringComparison.Ordinal).Replace("d1", "1e300", StringComparison.Ordinal).Replace("d2", "-0.0", StringComparison.Ordinal)
                .Replace("i0", "k", StringComparison.Ordinal).Replace("i1", "9223372036854775807", StringComparison.Ordinal));
        var cases = constant.SelectMany(e => RuleGenerators.Reports(2).Select(r => (e, r)));
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var rs = RuleGenerators.SingleExpression(c.e);
            return Agree(Compile(rs, fold: true), Compile(rs, fold: false), c.r);
        }));
    }

    [Fact]
    public void Single_expressions_agree_including_nan_infinities_and_signed_zero()
    {
        var cases = RuleGenerators.DoubleExpression(5, false).SelectMany(e => RuleGenerators.Reports(8).Select(r => (e, r)));
        Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var compiled = Compile(RuleGenerators.SingleExpression(c.e));
            return Agree(compiled, compiled, c.r);
        }));
    }
}
