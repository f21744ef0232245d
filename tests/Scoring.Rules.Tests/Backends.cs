using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Gpu;
using Scoring.Gpu.Tests;

namespace Scoring.Rules.Tests;

/// <summary>The evaluator backends a scheme may score on, by name: every one must give bit-identical results.</summary>
internal static class Backends
{
    /// <summary>The CPU backends, for theories.</summary>
    public static TheoryData<string> Cpu => new() { ScalarBatchEvaluator.BackendName, SimdBatchEvaluator.BackendName };

    /// <summary>Creates the evaluators of <paramref name="backend"/>; OpenCL shares the tests' one device and context.</summary>
    public static Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> Named(string backend) => backend switch
    {
        ScalarBatchEvaluator.BackendName => (ruleSet, _) => new ScalarBatchEvaluator(ruleSet),
        SimdBatchEvaluator.BackendName => (ruleSet, _) => new SimdBatchEvaluator(ruleSet),
        OpenClEvaluator.BackendName => (ruleSet, _) => new OpenClEvaluator(ruleSet, OpenClTestDevice.Context),
        _ => throw new ArgumentException($"unknown backend '{backend}'", nameof(backend)),
    };
}
