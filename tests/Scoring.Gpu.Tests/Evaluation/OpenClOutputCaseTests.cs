using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;
using Scoring.Gpu.CodeGen;

namespace Scoring.Gpu.Tests.Evaluation;

/// <summary>Several outputs and double outputs, worked out by hand, on the OpenCL device.</summary>
[Collection(OpenClCollection.Name)]
public class OpenClOutputCaseTests
{
    [OpenClFact]
    public void Every_output_case_gives_the_worked_out_results_on_the_device()
    {
        var failures = new List<string>();
        foreach (var c in OutputCase.All)
        {
            var ruleSet = c.Compile();
            var batch = c.Batch(ruleSet, times: 70);
            using var evaluator = new OpenClEvaluator(ruleSet, OpenClTestDevice.Context, new OpenClBatchRunnerOptions { ChunkSize = 100 });
            var results = new BatchResults();
            evaluator.Evaluate(batch, results);
            if (BatchAgreement.FirstDifference(batch, c.Expected(ruleSet, 70), results) is { } difference) failures.Add($"{c.Name}: {difference}");
        }
        Assert.Empty(failures);
    }

    [OpenClFact]
    public void The_proof_of_gpu_score_comes_back_from_the_device_as_the_reference_double()
    {
        var c = OutputCase.All[0];
        var ruleSet = c.Compile();
        using var evaluator = new OpenClEvaluator(ruleSet, OpenClTestDevice.Context);
        var results = new BatchResults();
        evaluator.Evaluate(c.Batch(ruleSet), results);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.023000000000000003), results.GetValue(0, 0));
        Assert.Equal(0.023000000000000003, results.GetDouble(0, 0));
    }

    [Fact]
    public void The_kernel_has_one_long_buffer_per_output_and_copies_double_bits()
    {
        var c = OutputCase.All.Single(x => x.Name == "boosts: points and the multipliers used");
        var kernel = OpenClRuleKernel.Emit(c.Compile().Program);
        Assert.Contains("__global long* out0, __global long* out1, __global long* out2, __global uchar* errors)", kernel.Source);
        Assert.Contains("sc_to_units(", kernel.Source);
        Assert.Equal(2, kernel.Source.Split("as_long(").Length - 1);
    }

    [OpenClFact]
    public void Bytes_per_report_count_every_output()
    {
        var c = OutputCase.All.Single(x => x.Name == "boosts: points and the multipliers used");
        using var evaluator = new OpenClEvaluator(c.Compile(), OpenClTestDevice.Context);
        Assert.Equal(8 + 8 + (3 * 8) + 1, evaluator.BytesPerReport); // a and b read; three outputs and the error code written
    }
}
