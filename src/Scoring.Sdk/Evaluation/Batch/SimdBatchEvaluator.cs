using System.Numerics;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// Scores batches with <see cref="Vector{T}"/> operations over columns, on all cores: the rule program is compiled
/// once to a fused vector kernel (<see cref="SimdKernelCompiler"/>) that evaluates whole vectors of rows in
/// registers (conditions become masks and selects), and the batch is cut into chunks of
/// <see cref="ChunkRows"/> rows spread over threads with <see cref="Parallel.For(int, int, Action{int})"/>.
/// Results equal <see cref="ScalarBatchEvaluator"/>'s bit for bit, errors included.
/// </summary>
/// <remarks>Thread-safe: the kernel keeps no state between calls.</remarks>
public sealed class SimdBatchEvaluator : IBatchEvaluator
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "simd";

    /// <summary>
    /// Rows per parallel work item (2048 kernel steps: 24 Ki rows with 4-lane vectors): large enough that scheduling
    /// costs nothing next to the work (tens of microseconds each), small enough that a core slowed by another process
    /// hands its share to the other.
    /// </summary>
    internal static int ChunkRows => SimdKernelCompiler.RowsPerStep * 2048;

    private readonly RuleProgram _program;
    private readonly SimdKernel _kernel;
    private readonly RuleSets.RuleOutputType[] _outputTypes;
    private readonly ParallelOptions _parallel;

    /// <summary>Creates the evaluator for <paramref name="ruleSet"/>.</summary>
    /// <param name="ruleSet">The compiled rule set.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use at most; <see langword="null"/> uses every core.</param>
    public SimdBatchEvaluator(CompiledRuleSet ruleSet, int? maxDegreeOfParallelism = null)
        : this((ruleSet ?? throw new ArgumentNullException(nameof(ruleSet))).Program, maxDegreeOfParallelism)
    {
    }

    /// <summary>Creates the evaluator for a rule program (the IR of a compiled rule set).</summary>
    /// <param name="program">The IR.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use at most; <see langword="null"/> uses every core.</param>
    internal SimdBatchEvaluator(RuleProgram program, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (maxDegreeOfParallelism is < 1) throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use at least one thread.");
        _program = program;
        _kernel = SimdKernelCompiler.Compile(program);
        _outputTypes = [.. program.Outputs.Select(o => o.Type)];
        Threads = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Threads };
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>The most threads one evaluation uses.</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public string Description =>
        $"SIMD {Vector<double>.Count}×64-bit lanes{(Vector.IsHardwareAccelerated ? "" : " (not hardware accelerated)")}, {Threads} thread{(Threads == 1 ? "" : "s")}, one fused kernel over {SimdKernelCompiler.VectorsPerStep} interleaved vectors of rows per step";

    /// <inheritdoc />
    public void Evaluate(ReportBatch batch, BatchResults results)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(results);
        if (!ReferenceEquals(batch.Symbols, _program.Symbols))
        {
            throw new ArgumentException("The batch was created for another rule set; create it with CompiledRuleSet.CreateBatch.", nameof(batch));
        }
        var count = batch.Count;
        results.Reset(count, _outputTypes);
        var columns = batch.Columns;
        // the kernel reads and writes whole vectors without bounds checks: every array must cover the rows it is given
        foreach (var column in columns)
        {
            if (column.Length < count) throw new InvalidOperationException("A batch column is shorter than the batch.");
        }
        var (outputs, errors) = (results.ValueArrays, results.Errors);
        var whole = count - count % SimdKernelCompiler.RowsPerStep;
        var chunks = (whole + ChunkRows - 1) / ChunkRows;
        if (chunks <= 1 || Threads == 1)
        {
            _kernel(columns, 0, whole, outputs, errors);
        }
        else
        {
            Parallel.For(0, chunks, _parallel, c => _kernel(columns, c * ChunkRows, Math.Min(whole, (c + 1) * ChunkRows), outputs, errors));
        }
        if (whole < count) EvaluateLastRows(columns, whole, count, outputs, errors);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>
    /// The rows after the last whole step: copied into zero-padded columns of one step and computed with the same
    /// kernel, so a row's bits never depend on its position; the padding lanes' results are dropped.
    /// </summary>
    private void EvaluateLastRows(Array[] columns, int start, int count, long[][] outputs, EvaluationError[] errors)
    {
        var step = SimdKernelCompiler.RowsPerStep;
        var rows = count - start;
        var padded = new Array[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            padded[i] = Array.CreateInstance(columns[i].GetType().GetElementType()!, step);
            Array.Copy(columns[i], start, padded[i], 0, rows);
        }
        var lastOutputs = new long[outputs.Length][];
        for (var k = 0; k < lastOutputs.Length; k++) lastOutputs[k] = new long[step];
        var lastErrors = new EvaluationError[step];
        _kernel(padded, 0, step, lastOutputs, lastErrors);
        for (var k = 0; k < outputs.Length; k++) Array.Copy(lastOutputs[k], 0, outputs[k], start, rows);
        Array.Copy(lastErrors, 0, errors, start, rows);
    }
}
