using System.CommandLine;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Gpu;

namespace Scoring.Cli.Commands;

/// <summary>
/// The <c>--backend auto|scalar|simd|opencl [--device N]</c> options of commands that score reports, and the
/// evaluator they select. Add them with <see cref="AddTo"/>, then call <see cref="Create"/> with the parse result.
/// </summary>
internal sealed class BackendSelection
{
    private static readonly OpenClBatchEvaluatorFactory Factory = new();

    /// <summary>The backend names <c>--backend</c> accepts: those the OpenCL factory offers.</summary>
    public static readonly string[] Backends = [.. Factory.Backends];

    /// <summary>Creates the two options.</summary>
    public BackendSelection()
    {
        Backend = new Option<string>("--backend")
        {
            Description = "Evaluator: auto (fastest by calibration on the first reports), scalar (reference), simd (all cores), opencl (GPU or PoCL).",
            DefaultValueFactory = _ => AutoBatchEvaluator.BackendName,
        };
        Backend.AcceptOnlyFromAmong(Backends);
        Device = new Option<int?>("--device")
        {
            Description = "OpenCL device index from 'scoring devices' (with --backend opencl or auto); default: the best device.",
        };
        Device.Require(index => index is not < 0, "--device must be 0 or more (see 'scoring devices').");
    }

    /// <summary><c>--backend</c>.</summary>
    public Option<string> Backend { get; }

    /// <summary><c>--device</c>.</summary>
    public Option<int?> Device { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(Device);
    }

    /// <summary>
    /// The evaluator factory of a <see cref="Scoring.Schemes.SchemeContext"/>: every rule-set version a scheme evaluates
    /// gets the backend the user asked for (see <see cref="Create(ParseResult, CompiledRuleSet, ReportBatch, TextWriter)"/>).
    /// </summary>
    /// <exception cref="BackendUnavailableException"><c>--device</c> was given with a CPU backend.</exception>
    public Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> Evaluators(ParseResult parse, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string backend = parse.GetValue(Backend) ?? AutoBatchEvaluator.BackendName;
        int? device = parse.GetValue(Device);
        CheckDevice(backend, device);
        return (ruleSet, batch) => Create(backend, device, ruleSet, batch, log);
    }

    /// <summary>
    /// Creates the evaluator the user asked for. For <c>auto</c>, every available backend is calibrated on
    /// <paramref name="calibrationBatch"/> (real reports of the run) and the choice with its measurements is written
    /// to <paramref name="log"/>; when OpenCL is unavailable, <paramref name="log"/> says why and that auto uses the CPU.
    /// </summary>
    /// <exception cref="BackendUnavailableException">OpenCL was asked for explicitly and cannot be used, or
    /// <c>--device</c> was given with a CPU backend.</exception>
    public IBatchEvaluator Create(ParseResult parse, CompiledRuleSet ruleSet, ReportBatch calibrationBatch, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Create(parse.GetValue(Backend) ?? AutoBatchEvaluator.BackendName, parse.GetValue(Device), ruleSet, calibrationBatch, log);
    }

    /// <summary>Creates the evaluator named <paramref name="backend"/> (see the other overload).</summary>
    public static IBatchEvaluator Create(string backend, int? device, CompiledRuleSet ruleSet, ReportBatch calibrationBatch, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        CheckDevice(backend, device);
        IBatchEvaluator evaluator;
        try
        {
            evaluator = Factory.Create(backend, device, ruleSet, calibrationBatch);
        }
        catch (InvalidOperationException exception)
        {
            throw new BackendUnavailableException(exception.Message);
        }
        if (evaluator is AutoBatchEvaluator auto)
        {
            log.WriteLine($"{ruleSet.RuleSet}: {auto.Calibration}");
        }
        return evaluator;
    }

    private static void CheckDevice(string backend, int? device)
    {
        if (device is not null && backend is not (OpenClEvaluator.BackendName or AutoBatchEvaluator.BackendName))
        {
            throw new BackendUnavailableException($"--device {device} selects an OpenCL device; it needs --backend opencl or auto, not {backend}.");
        }
    }
}

/// <summary>The requested backend cannot be used; the message says why and what to do.</summary>
internal sealed class BackendUnavailableException(string message) : InvalidOperationException(message);
