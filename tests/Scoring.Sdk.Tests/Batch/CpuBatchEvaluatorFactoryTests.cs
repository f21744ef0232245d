using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;

namespace Scoring.Sdk.Tests.Evaluators;

public class CpuBatchEvaluatorFactoryTests
{
    private static readonly BackendCase Case = BackendCase.All[0];

    [Theory]
    [InlineData("scalar", typeof(ScalarBatchEvaluator))]
    [InlineData("SIMD", typeof(SimdBatchEvaluator))]
    [InlineData("Auto", typeof(AutoBatchEvaluator))]
    public void Each_offered_backend_is_created_by_name_and_scores_the_documented_results(string backend, Type expected)
    {
        var ruleSet = Case.Compile();
        var batch = Case.Batch(ruleSet);
        using var evaluator = new CpuBatchEvaluatorFactory().Create(backend, null, ruleSet, batch);

        Assert.IsType(expected, evaluator);
        var results = new BatchResults();
        evaluator.Evaluate(batch, results);
        Assert.Null(BatchAgreement.FirstDifference(batch, Case.Rows.Select(r => r.Expected).ToArray(), results));
    }

    [Fact]
    public void Auto_says_in_its_calibration_that_opencl_is_not_offered()
    {
        var ruleSet = Case.Compile();
        using var auto = Assert.IsType<AutoBatchEvaluator>(new CpuBatchEvaluatorFactory().Create("auto", null, ruleSet, Case.Batch(ruleSet)));
        Assert.Contains(auto.Calibration.Notes, n => n.Contains("UseOpenCl()", StringComparison.Ordinal));
        Assert.Equal(["scalar", "simd"], auto.Calibration.Measurements.Select(m => m.Name).Order());
    }

    [Theory]
    [InlineData("opencl", null, "Backend 'opencl' is not offered by this host: the OpenCL evaluator is in the Scoring.Gpu package")]
    [InlineData("cuda", null, "Unknown backend 'cuda': use auto, scalar, simd.")]
    [InlineData("simd", 1, "Device 1 selects an OpenCL device, but this host evaluates on the CPU")]
    public void What_it_cannot_create_is_refused_with_the_reason(string backend, int? device, string message)
    {
        var ruleSet = Case.Compile();
        var error = Assert.Throws<InvalidOperationException>(() => new CpuBatchEvaluatorFactory().Create(backend, device, ruleSet, Case.Batch(ruleSet)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
