using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;

namespace Scoring.Sdk.Tests.Evaluators;

public class BackendCaseTests
{
    public static TheoryData<string> Names => new(BackendCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Scalar_gives_the_documented_result(string name) => Check(name, rs => new ScalarBatchEvaluator(rs));

    [Theory]
    [MemberData(nameof(Names))]
    public void Simd_gives_the_documented_result(string name) => Check(name, rs => new SimdBatchEvaluator(rs));

    [Theory]
    [MemberData(nameof(Names))]
    public void Simd_on_one_thread_gives_the_documented_result(string name) => Check(name, rs => new SimdBatchEvaluator(rs, maxDegreeOfParallelism: 1));

    private static void Check(string name, Func<CompiledRuleSet, IBatchEvaluator> create)
    {
        var c = BackendCase.All.Single(x => x.Name == name);
        var ruleSet = c.Compile();
        var batch = c.Batch(ruleSet);
        using var evaluator = create(ruleSet);
        var results = new BatchResults();
        evaluator.Evaluate(batch, results);
        Assert.Null(BatchAgreement.FirstDifference(batch, c.Rows.Select(r => r.Expected).ToArray(), results));
    }
}
