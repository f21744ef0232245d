using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.Evaluators;

/// <summary>Several outputs and double outputs, worked out by hand, on every CPU evaluator.</summary>
public class OutputCaseTests
{
    public static TheoryData<string> Names => new(OutputCase.All.Select(c => c.Name));

    // 7 copies of each case's rows: more than one SIMD step (12 rows with 4 lanes) plus a padded tail
    private const int Copies = 7;

    [Theory]
    [MemberData(nameof(Names))]
    public void Scalar_gives_the_worked_out_results(string name) => Check(name, rs => new ScalarBatchEvaluator(rs));

    [Theory]
    [MemberData(nameof(Names))]
    public void Simd_gives_the_worked_out_results(string name) => Check(name, rs => new SimdBatchEvaluator(rs));

    [Theory]
    [MemberData(nameof(Names))]
    public void Simd_on_one_thread_gives_the_worked_out_results(string name) => Check(name, rs => new SimdBatchEvaluator(rs, maxDegreeOfParallelism: 1));

    [Theory]
    [MemberData(nameof(Names))]
    public void Row_evaluation_the_interpreter_and_explain_give_the_worked_out_results(string name)
    {
        var c = OutputCase.All.Single(x => x.Name == name);
        var ruleSet = c.Compile();
        var batch = c.Batch(ruleSet);
        var expected = c.Expected(ruleSet);
        var rows = Enumerable.Range(0, batch.Count).ToArray();
        Assert.Null(BatchAgreement.FirstDifference(batch, expected, rows.Select(r => ruleSet.EvaluateRow(batch, r)).ToArray()));
        Assert.Null(BatchAgreement.FirstDifference(batch, expected, rows.Select(r => IrInterpreter.EvaluateRow(ruleSet.Program, batch, r)).ToArray()));
        foreach (var row in rows)
        {
            var trace = ruleSet.Explain(batch, row);
            Assert.Equal(expected[row].Primary, trace.Result);
            Assert.Equal(expected[row].Primary, ruleSet.Evaluate(batch, row));
            Assert.Equal(ruleSet.RuleSet.Outputs.Select(o => (o.Name, o.Type)), trace.Outputs.Select(o => (o.Name, o.Type)));
            if (expected[row].Succeeded)
            {
                // a scored report: every output converted on its own to the value the row holds
                for (var k = 0; k < trace.Outputs.Count; k++)
                {
                    var o = trace.Outputs[k];
                    Assert.Equal(EvaluationError.None, o.Error);
                    Assert.Equal(expected[row].Values[k], o.Type == RuleOutputType.Points ? o.Units : BitConverter.DoubleToInt64Bits(o.Value!.Value));
                }
            }
        }
    }

    [Fact]
    public void The_proof_of_gpu_score_is_the_reference_double_bit_for_bit()
    {
        var c = OutputCase.All[0];
        var ruleSet = c.Compile();
        var batch = c.Batch(ruleSet);
        var row = ruleSet.EvaluateRow(batch, 0);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.023000000000000003), row.GetValue(0));
        Assert.Equal(0.023000000000000003, row.GetDouble("score"));
        Assert.NotEqual(0.023, row.GetDouble("score")); // not rounded to anything, not even to the shortest decimal
        Assert.Equal("score = 0.023000000000000003", row.ToString());
    }

    [Fact]
    public void The_issue_formula_gives_exactly_the_bits_of_0_0825()
    {
        foreach (var c in new[] { OutputCase.All[1], OutputCase.All.Single(x => x.Name == "a constant double output") })
        {
            var ruleSet = c.Compile();
            var batch = c.Batch(ruleSet);
            using var simd = new SimdBatchEvaluator(ruleSet);
            var results = new BatchResults();
            simd.Evaluate(batch, results);
            Assert.Equal(0.0825, results.GetDouble(0, 0));
            Assert.Equal(BitConverter.DoubleToInt64Bits(0.0825), results.GetValue(0, 0));
            Assert.Equal(0.0825, ruleSet.EvaluateRow(batch, 0).GetDouble(0));
        }
    }

    private static void Check(string name, Func<CompiledRuleSet, IBatchEvaluator> create)
    {
        var c = OutputCase.All.Single(x => x.Name == name);
        var ruleSet = c.Compile();
        var batch = c.Batch(ruleSet, Copies);
        using var evaluator = create(ruleSet);
        var results = new BatchResults();
        evaluator.Evaluate(batch, results);
        Assert.Null(BatchAgreement.FirstDifference(batch, c.Expected(ruleSet, Copies), results));
    }
}
