namespace Scoring.Evaluation.Batch;

/// <summary>
/// Creates batch evaluators by backend name, for hosts that choose the backend in configuration
/// (<c>Scoring:Evaluation</c>). <c>AddScoring</c> registers the CPU factory (<see cref="CpuBatchEvaluatorFactory"/>);
/// the Scoring.Gpu package's <c>UseOpenCl()</c> replaces it with one that offers OpenCL as well.
/// </summary>
public interface IBatchEvaluatorFactory
{
    /// <summary>The backend names this factory can create, lower case (always including <c>auto</c>).</summary>
    IReadOnlyList<string> Backends { get; }

    /// <summary>Creates the evaluator named <paramref name="backend"/> for <paramref name="ruleSet"/>.</summary>
    /// <param name="backend">One of <see cref="Backends"/> (case-insensitive).</param>
    /// <param name="device">An OpenCL device index, for factories that offer OpenCL; <see langword="null"/> for the best device.</param>
    /// <param name="ruleSet">The compiled rule set.</param>
    /// <param name="calibrationBatch">Real reports, for <c>auto</c> to measure the candidates on.</param>
    /// <exception cref="InvalidOperationException">The backend is not offered here or cannot be used; the message says why.</exception>
    IBatchEvaluator Create(string backend, int? device, CompiledRuleSet ruleSet, ReportBatch calibrationBatch);
}
