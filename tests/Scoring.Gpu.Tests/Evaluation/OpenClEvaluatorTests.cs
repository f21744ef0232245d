using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;
using Scoring.Gpu.CodeGen;

namespace Scoring.Gpu.Tests.Evaluation;

[Collection(OpenClCollection.Name)]
public class OpenClEvaluatorTests
{
    [OpenClFact]
    public void Every_targeted_case_gives_the_documented_result_on_the_device()
    {
        var failures = new List<string>();
        foreach (var c in BackendCase.All)
        {
            var ruleSet = c.Compile();
            var batch = c.Batch(ruleSet);
            using var evaluator = new OpenClEvaluator(ruleSet, OpenClTestDevice.Context);
            var results = new BatchResults();
            evaluator.Evaluate(batch, results);
            if (BatchAgreement.FirstDifference(batch, c.Rows.Select(r => r.Expected).ToArray(), results) is { } difference)
            {
                failures.Add($"{c.Name}: {difference}");
            }
        }
        Assert.Empty(failures);
    }

    [OpenClFact]
    public void The_kernel_uploads_only_the_columns_the_rules_read()
    {
        var c = BackendCase.All.Single(x => x.Name == "symbol table");
        using var evaluator = new OpenClEvaluator(c.Compile(), OpenClTestDevice.Context);
        Assert.Equal(["s"], evaluator.Kernel.Columns.Select(i => i.Name));
        Assert.Equal(4 + 8 + 1, evaluator.BytesPerReport);
    }

    [OpenClFact]
    public void An_empty_batch_gives_empty_results()
    {
        var c = BackendCase.All[0];
        var ruleSet = c.Compile();
        using var evaluator = new OpenClEvaluator(ruleSet, OpenClTestDevice.Context);
        var results = new BatchResults(4);
        evaluator.Evaluate(ruleSet.CreateBatch(), results);
        Assert.Equal(0, results.Count);
    }

    [OpenClFact]
    public void A_batch_of_another_rule_set_is_refused()
    {
        var first = BackendCase.All[0].Compile();
        var second = BackendCase.All[1].Compile();
        using var evaluator = new OpenClEvaluator(first, OpenClTestDevice.Context);
        var error = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(second.CreateBatch(), new BatchResults()));
        Assert.Contains("another rule set", error.Message);
    }

    [Fact]
    public void Emitted_source_has_the_numeric_pragmas_and_exact_literals()
    {
        var c = BackendCase.All.Single(x => x.Name == "multiply then add, never fused");
        var source = OpenClRuleKernel.Emit(c.Compile().Program).Source;
        Assert.StartsWith(OpenClKernelSource.Header, source);
        Assert.Contains("#pragma OPENCL FP_CONTRACT OFF", source);
        Assert.Contains("0x1.999999999999ap-4", source); // 0.1 exactly, as a hexadecimal constant
        Assert.DoesNotMatch(@"\b(fma|mad)\s*\(", source);
    }

    [Theory]
    [InlineData(0.1, "(0x1.999999999999ap-4)")]
    [InlineData(-0.0, "(-0x0.0000000000000p-1022)")]
    [InlineData(double.Epsilon, "(0x0.0000000000001p-1022)")]
    [InlineData(double.MaxValue, "(0x1.fffffffffffffp1023)")]
    [InlineData(double.NegativeInfinity, "(-(double)INFINITY)")]
    [InlineData(double.NaN, "((double)NAN)")]
    public void Double_literals_are_exact(double value, string expected) => Assert.Equal(expected, OpenClLiteral.Double(value));

    [Fact]
    public void Long_min_value_is_written_without_overflowing_the_literal() => Assert.Equal("((long)0x8000000000000000UL)", OpenClLiteral.Long(long.MinValue));
}
