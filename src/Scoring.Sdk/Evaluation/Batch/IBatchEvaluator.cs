namespace Scoring.Evaluation.Batch;

/// <summary>
/// Scores a whole <see cref="ReportBatch"/> at once. Every implementation (scalar reference, SIMD, OpenCL, and any
/// later backend such as CUDA) consumes the same <see cref="RuleProgram"/> and must give, for every row, the same
/// micro-point units and the same <see cref="EvaluationError"/> as <see cref="ScalarBatchEvaluator"/>, bit for bit.
/// </summary>
/// <remarks>
/// A backend is created for one compiled rule set and may hold native resources (device buffers, kernels), so it is
/// <see cref="IDisposable"/>. Instances are not required to be thread-safe: use one per thread, or serialize calls.
/// </remarks>
public interface IBatchEvaluator : IDisposable
{
    /// <summary>The backend's short name: <c>scalar</c>, <c>simd</c>, <c>opencl</c>, …</summary>
    string Name { get; }

    /// <summary>A one-line description for logs and the CLI (e.g. the OpenCL device, the vector width and cores).</summary>
    string Description { get; }

    /// <summary>
    /// Scores rows <c>0 .. batch.Count-1</c> into <paramref name="results"/> (resized to <c>batch.Count</c>). A voided
    /// row gets units 0 and its error; the other rows are unaffected.
    /// </summary>
    /// <exception cref="ArgumentException">The batch was created for another rule set.</exception>
    void Evaluate(ReportBatch batch, BatchResults results);
}
