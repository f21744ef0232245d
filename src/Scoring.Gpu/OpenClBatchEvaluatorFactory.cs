using Microsoft.Extensions.Logging;
using Scoring.Diagnostics;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;

namespace Scoring.Gpu;

/// <summary>
/// Every backend by name, OpenCL included: <c>scalar</c>, <c>simd</c>, <c>opencl</c> (the chosen or the best scoring
/// device), and <c>auto</c>, which calibrates all of them that can run on a real batch. When OpenCL is unavailable
/// (no library, platform, device or fp64), <c>auto</c> says why in its calibration and chooses among the CPU
/// backends; <c>opencl</c> asked for explicitly fails with that reason.
/// </summary>
public sealed class OpenClBatchEvaluatorFactory : IBatchEvaluatorFactory
{
    private readonly ILogger? _logger;
    private readonly OpenClProgramCache? _cache;

    /// <summary>Creates the factory.</summary>
    /// <param name="logger">Receives auto's calibration (optional).</param>
    /// <param name="cache">Where built kernels are kept between runs; the default per-user cache folder when <see langword="null"/>.</param>
    public OpenClBatchEvaluatorFactory(ILogger<OpenClBatchEvaluatorFactory>? logger = null, OpenClProgramCache? cache = null)
    {
        _logger = logger;
        _cache = cache;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Backends { get; } =
        [AutoBatchEvaluator.BackendName, ScalarBatchEvaluator.BackendName, SimdBatchEvaluator.BackendName, OpenClEvaluator.BackendName];

    /// <inheritdoc />
    public IBatchEvaluator Create(string backend, int? device, CompiledRuleSet ruleSet, ReportBatch calibrationBatch)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(calibrationBatch);
        string name = backend.ToLowerInvariant();
        if (device is not null && name is not (OpenClEvaluator.BackendName or AutoBatchEvaluator.BackendName))
            throw new InvalidOperationException($"Device {device} selects an OpenCL device; it needs backend opencl or auto, not {backend}.");
        switch (name)
        {
            case ScalarBatchEvaluator.BackendName:
                return new ScalarBatchEvaluator(ruleSet);
            case SimdBatchEvaluator.BackendName:
                return new SimdBatchEvaluator(ruleSet);
            case OpenClEvaluator.BackendName:
                return OpenClEvaluator.TryCreate(ruleSet, device, Cache(), out var opencl, out var reason)
                    ? opencl!
                    : throw new InvalidOperationException($"Backend opencl: {reason}");
            case AutoBatchEvaluator.BackendName:
                return CreateAuto(device, ruleSet, calibrationBatch);
            default:
                throw new InvalidOperationException($"Unknown backend '{backend}': use {string.Join(", ", Backends)}.");
        }
    }

    private AutoBatchEvaluator CreateAuto(int? device, CompiledRuleSet ruleSet, ReportBatch calibrationBatch)
    {
        var candidates = new List<IBatchEvaluator> { new ScalarBatchEvaluator(ruleSet), new SimdBatchEvaluator(ruleSet) };
        var notes = new List<string>();
        if (OpenClEvaluator.TryCreate(ruleSet, device, Cache(), out var opencl, out var reason))
            candidates.Add(opencl!);
        else
            notes.Add($"opencl: unavailable — {reason} Auto chooses among the CPU backends (SIMD unless scalar measures faster).");
        var auto = AutoBatchEvaluator.Calibrate(ruleSet.Program, candidates, calibrationBatch, notes);
        _logger?.BackendCalibrated(ruleSet.RuleSet.Id, auto.Calibration);
        return auto;
    }

    private OpenClProgramCache Cache() => _cache ?? OpenClProgramCache.CreateDefault();
}
