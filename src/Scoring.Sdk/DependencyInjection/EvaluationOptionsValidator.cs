using Microsoft.Extensions.Options;
using Scoring.Evaluation.Batch;

namespace Scoring;

/// <summary>
/// Checks <see cref="EvaluationOptions"/> against the registered <see cref="IBatchEvaluatorFactory"/> when the host
/// starts, so <c>opencl</c> in a CPU-only host fails at start-up with what to add, not at the first batch.
/// </summary>
internal sealed class EvaluationOptionsValidator(IBatchEvaluatorFactory factory) : IValidateOptions<EvaluationOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationOptions options)
    {
        string backend = options.Backend?.ToLowerInvariant() ?? "";
        if (!factory.Backends.Contains(backend))
        {
            string hint = backend == "opencl" ? $" For opencl, {CpuBatchEvaluatorFactory.OpenClHint}" : "";
            return ValidateOptionsResult.Fail(
                $"{EvaluationOptions.SectionName}:Backend '{options.Backend}' is not offered by this host; use one of {string.Join(", ", factory.Backends)}.{hint}");
        }
        if (options.Device is not null && !factory.Backends.Contains("opencl"))
            return ValidateOptionsResult.Fail($"{EvaluationOptions.SectionName}:Device selects an OpenCL device, but this host evaluates on the CPU.");
        return ValidateOptionsResult.Success;
    }
}
