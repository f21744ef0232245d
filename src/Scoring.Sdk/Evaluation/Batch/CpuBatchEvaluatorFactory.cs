using Microsoft.Extensions.Logging;
using Scoring.Diagnostics;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// The CPU backends by name: <c>scalar</c>, <c>simd</c>, and <c>auto</c> (calibrated between the two on a real batch,
/// its choice logged). <c>opencl</c> is refused with a message naming the Scoring.Gpu package's <c>UseOpenCl()</c>.
/// </summary>
public sealed class CpuBatchEvaluatorFactory : IBatchEvaluatorFactory
{
    private readonly ILogger? _logger;

    /// <summary>Creates the factory.</summary>
    /// <param name="logger">Receives auto's calibration (optional).</param>
    public CpuBatchEvaluatorFactory(ILogger<CpuBatchEvaluatorFactory>? logger = null) => _logger = logger;

    /// <inheritdoc />
    public IReadOnlyList<string> Backends { get; } = [AutoBatchEvaluator.BackendName, ScalarBatchEvaluator.BackendName, SimdBatchEvaluator.BackendName];

    /// <inheritdoc />
    public IBatchEvaluator Create(string backend, int? device, CompiledRuleSet ruleSet, ReportBatch calibrationBatch)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(calibrationBatch);
        if (device is not null)
            throw new InvalidOperationException($"Device {device} selects an OpenCL device, but this host evaluates on the CPU: {OpenClHint}");
        switch (backend.ToLowerInvariant())
        {
            case ScalarBatchEvaluator.BackendName:
                return new ScalarBatchEvaluator(ruleSet);
            case SimdBatchEvaluator.BackendName:
                return new SimdBatchEvaluator(ruleSet);
            case AutoBatchEvaluator.BackendName:
                var auto = AutoBatchEvaluator.Calibrate(ruleSet.Program,
                    [new ScalarBatchEvaluator(ruleSet), new SimdBatchEvaluator(ruleSet)], calibrationBatch,
                    [$"opencl: not offered by this host. {OpenClHint}"]);
                _logger?.BackendCalibrated(ruleSet.RuleSet.Id, auto.Calibration);
                return auto;
            case "opencl":
                throw new InvalidOperationException($"Backend 'opencl' is not offered by this host: {OpenClHint}");
            default:
                throw new InvalidOperationException($"Unknown backend '{backend}': use {string.Join(", ", Backends)}.");
        }
    }

    /// <summary>What a CPU-only host lacks for <c>opencl</c>: the one wording of it, also used at start-up validation.</summary>
    internal const string OpenClHint =
        "the OpenCL evaluator is in the Scoring.Gpu package: reference it and call UseOpenCl() on the ScoringBuilder.";
}
