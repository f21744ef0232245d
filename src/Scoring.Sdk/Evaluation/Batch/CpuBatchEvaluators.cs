namespace Scoring.Evaluation.Batch;

/// <summary>
/// Creates a CPU evaluator by backend name (<c>scalar</c>, <c>simd</c>, or <c>auto</c>: calibrated between the two on a
/// real batch), for hosts that choose the backend in configuration (<c>Scoring:Evaluation:Backend</c>).
/// </summary>
public static class CpuBatchEvaluators
{
    /// <summary>Creates the evaluator named <paramref name="backend"/> for <paramref name="ruleSet"/>.</summary>
    /// <param name="backend"><c>auto</c>, <c>scalar</c> or <c>simd</c> (case-insensitive).</param>
    /// <param name="ruleSet">The compiled rule set.</param>
    /// <param name="calibrationBatch">Real reports, for <c>auto</c> to measure on.</param>
    /// <exception cref="InvalidOperationException"><c>opencl</c> (it needs the Scoring.Gpu package) or an unknown name.</exception>
    public static IBatchEvaluator Create(string backend, CompiledRuleSet ruleSet, ReportBatch calibrationBatch)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(calibrationBatch);
        switch (backend.ToLowerInvariant())
        {
            case ScalarBatchEvaluator.BackendName:
                return new ScalarBatchEvaluator(ruleSet);
            case SimdBatchEvaluator.BackendName:
                return new SimdBatchEvaluator(ruleSet);
            case AutoBatchEvaluator.BackendName:
                return AutoBatchEvaluator.Calibrate(ruleSet.Program,
                    [new ScalarBatchEvaluator(ruleSet), new SimdBatchEvaluator(ruleSet)], calibrationBatch,
                    ["opencl: not offered by this host (the OpenCL evaluator is in the Scoring.Gpu package)."]);
            case "opencl":
                throw new InvalidOperationException(
                    "Backend 'opencl' needs the Scoring.Gpu package's OpenClEvaluator; this host evaluates on the CPU (use auto, scalar or simd).");
            default:
                throw new InvalidOperationException($"Unknown backend '{backend}': use auto, scalar or simd.");
        }
    }
}
