using System.Collections.Concurrent;
using System.Numerics;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// Scores batches with <see cref="Vector{T}"/> operations over columns, on all cores: the batch is cut into chunks of
/// 1024 rows, each chunk runs the rule program as a straight line of vector instructions (conditions become masks and
/// selects), and chunks are spread over threads with <see cref="Parallel.For(int, int, Action{int})"/>. Results equal
/// <see cref="ScalarBatchEvaluator"/>'s bit for bit, errors included.
/// </summary>
/// <remarks>Thread-safe: concurrent <see cref="Evaluate"/> calls use separate working memory.</remarks>
public sealed class SimdBatchEvaluator : IBatchEvaluator
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "simd";

    private readonly RuleProgram _program;
    private readonly SimdPlan _plan;
    private readonly ConcurrentBag<SimdFrame> _frames = [];
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
    public SimdBatchEvaluator(RuleProgram program, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (maxDegreeOfParallelism is < 1) throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use at least one thread.");
        _program = program;
        _plan = SimdPlan.Create(program);
        Threads = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Threads };
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <summary>The most threads one evaluation uses.</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public string Description =>
        $"SIMD {Vector<double>.Count}×64-bit lanes{(Vector.IsHardwareAccelerated ? "" : " (not hardware accelerated)")}, {Threads} thread{(Threads == 1 ? "" : "s")}, {_plan.Instructions.Length} vector instructions per {SimdFrame.Lanes}-row chunk";

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
        results.Reset(count);
        var chunks = (count + SimdFrame.Lanes - 1) / SimdFrame.Lanes;
        if (chunks <= 1 || Threads == 1)
        {
            var frame = Rent(batch, results);
            for (var c = 0; c < chunks; c++) Run(frame, c, count);
            Return(frame);
            return;
        }
        Parallel.For(0, chunks, _parallel, () => Rent(batch, results), (c, _, frame) =>
        {
            Run(frame, c, count);
            return frame;
        }, Return);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Run(SimdFrame frame, int chunk, int count)
    {
        var start = chunk * SimdFrame.Lanes;
        frame.MoveTo(start, Math.Min(SimdFrame.Lanes, count - start));
        foreach (var instruction in _plan.Instructions) instruction.Execute(frame);
    }

    private SimdFrame Rent(ReportBatch batch, BatchResults results)
    {
        if (!_frames.TryTake(out var frame)) frame = new SimdFrame(_plan);
        frame.Bind(batch, results);
        return frame;
    }

    private void Return(SimdFrame frame)
    {
        frame.Unbind();
        _frames.Add(frame);
    }
}
