using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;

namespace Scoring.Gpu.Tests.Evaluation;

[Collection(OpenClCollection.Name)]
public class OpenClBatchEvaluatorFactoryTests
{
    private static readonly BackendCase Case = BackendCase.All[0];

    private static ServiceProvider Host(Dictionary<string, string?> settings, bool useOpenCl)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddScoring(b =>
        {
            b.UseInMemoryLedger();
            if (useOpenCl)
                b.UseOpenCl();
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void UseOpenCl_replaces_the_cpu_factory_and_opencl_passes_the_start_up_check()
    {
        using var provider = Host(new() { ["Scoring:Evaluation:Backend"] = "opencl", ["Scoring:Evaluation:Device"] = "0" }, useOpenCl: true);
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<OpenClBatchEvaluatorFactory>(provider.GetRequiredService<IBatchEvaluatorFactory>());
        Assert.Equal(0, provider.GetRequiredService<IOptions<EvaluationOptions>>().Value.Device);
    }

    [Fact]
    public void Without_UseOpenCl_the_same_settings_fail_at_start()
    {
        using var provider = Host(new() { ["Scoring:Evaluation:Backend"] = "opencl" }, useOpenCl: false);
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("UseOpenCl()", error.Message, StringComparison.Ordinal);
    }

    [OpenClFact]
    public void Opencl_by_name_runs_on_the_device_and_scores_the_documented_results()
    {
        var ruleSet = Case.Compile();
        var batch = Case.Batch(ruleSet);
        using var evaluator = new OpenClBatchEvaluatorFactory().Create("OpenCL", null, ruleSet, batch);

        Assert.IsType<OpenClEvaluator>(evaluator);
        var results = new BatchResults();
        evaluator.Evaluate(batch, results);
        Assert.Null(BatchAgreement.FirstDifference(batch, Case.Rows.Select(r => r.Expected).ToArray(), results));
    }

    [OpenClFact]
    public void Auto_calibrates_opencl_beside_the_cpu_backends()
    {
        var ruleSet = Case.Compile();
        using var auto = Assert.IsType<AutoBatchEvaluator>(new OpenClBatchEvaluatorFactory().Create("auto", null, ruleSet, Case.Batch(ruleSet)));
        Assert.Equal(["opencl", "scalar", "simd"], auto.Calibration.Measurements.Select(m => m.Name).Order());
        Assert.Empty(auto.Calibration.Notes);
    }

    [Fact]
    public void A_device_that_does_not_exist_is_refused_by_opencl_and_left_out_by_auto()
    {
        var ruleSet = Case.Compile();
        var factory = new OpenClBatchEvaluatorFactory();
        var error = Assert.Throws<InvalidOperationException>(() => factory.Create("opencl", 999, ruleSet, Case.Batch(ruleSet)));
        Assert.StartsWith("Backend opencl: ", error.Message, StringComparison.Ordinal);

        using var auto = Assert.IsType<AutoBatchEvaluator>(factory.Create("auto", 999, ruleSet, Case.Batch(ruleSet)));
        Assert.Contains(auto.Calibration.Notes, n => n.StartsWith("opencl: unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(auto.Calibration.Measurements, m => m.Name == "opencl");
    }

    [Fact]
    public void A_device_with_a_cpu_backend_is_refused()
    {
        var ruleSet = Case.Compile();
        var error = Assert.Throws<InvalidOperationException>(() => new OpenClBatchEvaluatorFactory().Create("simd", 0, ruleSet, Case.Batch(ruleSet)));
        Assert.Contains("needs backend opencl or auto, not simd", error.Message, StringComparison.Ordinal);
    }
}
