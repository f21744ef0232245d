using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Gpu.CodeGen;

namespace Scoring.Gpu;

/// <summary>
/// Scores batches on an OpenCL device (any GPU, or the CPU through PoCL): the rule program is emitted as OpenCL C
/// (<see cref="OpenClRuleKernel"/>), built once per program source and device (in memory by the context, on disk by its
/// <see cref="OpenClProgramCache"/>), and run one work-item per report by an <see cref="OpenClBatchRunner"/> that keeps
/// its device buffers between batches and overlaps transfers with the kernel for large batches. Results equal
/// <see cref="ScalarBatchEvaluator"/>'s bit for bit, errors included.
/// </summary>
/// <remarks>Not thread-safe (a kernel object holds argument state): use one evaluator per thread.</remarks>
public sealed class OpenClEvaluator : IBatchEvaluator
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "opencl";

    private readonly RuleProgram _program;
    private readonly OpenClContext _context;
    private readonly bool _ownsContext;
    private readonly OpenClKernel _kernel;
    private readonly OpenClBatchRunner _runner;
    private readonly RuleSets.RuleOutputType[] _outputTypes;
    private bool _disposed;

    /// <summary>Creates the evaluator for <paramref name="ruleSet"/> on an existing context (which the caller disposes).</summary>
    /// <exception cref="OpenClException">The program failed to build (the message carries the build log).</exception>
    public OpenClEvaluator(CompiledRuleSet ruleSet, OpenClContext context, OpenClBatchRunnerOptions? options = null)
        : this((ruleSet ?? throw new ArgumentNullException(nameof(ruleSet))).Program, context, options, ownsContext: false)
    {
    }

    /// <summary>Creates the evaluator for a rule program (the IR of a compiled rule set) on an existing context.</summary>
    internal OpenClEvaluator(RuleProgram program, OpenClContext context, OpenClBatchRunnerOptions? options = null)
        : this(program, context, options, ownsContext: false)
    {
    }

    private OpenClEvaluator(RuleProgram program, OpenClContext context, OpenClBatchRunnerOptions? options, bool ownsContext)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(context);
        _program = program;
        _outputTypes = [.. program.Outputs.Select(o => o.Type)];
        _context = context;
        Kernel = OpenClRuleKernel.Emit(program);
        BuiltProgram = context.BuildProgram(Kernel.Source);
        _kernel = BuiltProgram.CreateKernel(OpenClRuleKernel.KernelName);
        _runner = context.CreateBatchRunner(options);
        _ownsContext = ownsContext;
    }

    /// <summary>
    /// Loads OpenCL, picks device <paramref name="deviceIndex"/> (or the best scoring device), and creates an evaluator
    /// that owns its context. Returns <see langword="false"/> with a reason naming what is missing (library, platform,
    /// device, fp64) instead of throwing.
    /// </summary>
    public static bool TryCreate(CompiledRuleSet ruleSet, int? deviceIndex, OpenClProgramCache? cache, out OpenClEvaluator? evaluator, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        evaluator = null;
        if (!OpenClRuntime.TryLoad(out var runtime, out reason)) return false;
        if (!runtime.TrySelectScoringDevice(deviceIndex, out var device, out reason)) return false;
        OpenClContext? context = null;
        try
        {
            context = OpenClContext.Create(device, cache);
            evaluator = new OpenClEvaluator(ruleSet.Program, context, null, ownsContext: true);
            reason = null;
            return true;
        }
        catch (Exception e) when (e is OpenClException or OpenClUnavailableException)
        {
            context?.Dispose();
            reason = $"OpenCL device {device} cannot run the rule set: {e.Message}";
            return false;
        }
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Description => $"OpenCL on {_context.Device} (program {BuiltProgram.Origin.ToString().ToLowerInvariant()})";

    /// <summary>The device the kernel runs on.</summary>
    public OpenClDevice Device => _context.Device;

    /// <summary>The emitted kernel (source and the columns it reads).</summary>
    internal OpenClRuleKernel Kernel { get; }

    /// <summary>The built program: whether it came from source or the disk cache, and its cache key.</summary>
    internal OpenClProgram BuiltProgram { get; }

    /// <summary>The upload / kernel / download split of the last <see cref="Evaluate"/>, or <see langword="null"/> before the first.</summary>
    internal OpenClBatchTimings? LastTimings { get; private set; }

    /// <summary>Bytes moved per report: uploaded input columns plus downloaded output values (8 each) and error code (1).</summary>
    public int BytesPerReport => Kernel.Columns.Sum(c => ElementSize(c.Type)) + (_program.Outputs.Count * sizeof(long)) + sizeof(byte);

    /// <inheritdoc />
    public void Evaluate(ReportBatch batch, BatchResults results)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(results);
        if (!ReferenceEquals(batch.Symbols, _program.Symbols))
        {
            throw new ArgumentException("The batch was created for another rule set; create it with CompiledRuleSet.CreateBatch.", nameof(batch));
        }
        var count = batch.Count;
        results.Reset(count, _outputTypes);
        var pinned = new List<OpenClEvaluatorPinnedBytes>();
        try
        {
            var inputs = new KernelColumn[Kernel.Columns.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                var column = Kernel.Columns[i];
                inputs[i] = column.Type switch
                {
                    IrType.Double => KernelColumn.Input(new ReadOnlyMemory<double>(batch.DoubleColumn(column.Index), 0, count)),
                    IrType.Int => KernelColumn.Input(new ReadOnlyMemory<long>(batch.IntColumn(column.Index), 0, count)),
                    IrType.Symbol => KernelColumn.Input(new ReadOnlyMemory<int>(batch.SymbolColumn(column.Index), 0, count)),
                    _ => KernelColumn.Input((ReadOnlyMemory<byte>)Pin(batch.BoolColumn(column.Index))),
                };
            }
            // one buffer per output, in the kernel's parameter order, then the error codes
            var values = results.ValueArrays;
            var outputs = new KernelColumn[values.Length + 1];
            for (var k = 0; k < values.Length; k++) outputs[k] = KernelColumn.Output(new Memory<long>(values[k], 0, count));
            outputs[^1] = KernelColumn.Output(Pin(results.Errors));
            LastTimings = _runner.Run(_kernel, count, inputs, outputs);
        }
        finally
        {
            foreach (var p in pinned) ((IDisposable)p).Dispose();
        }

        Memory<byte> Pin(Array array)
        {
            var bytes = new OpenClEvaluatorPinnedBytes(array, count);
            pinned.Add(bytes);
            return bytes.Memory;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _runner.Dispose();
        _kernel.Dispose();
        if (_ownsContext) _context.Dispose();
    }

    private static int ElementSize(IrType type) => type switch
    {
        IrType.Double or IrType.Int => 8,
        IrType.Symbol => 4,
        _ => 1,
    };
}
