namespace Scoring.Gpu;

/// <summary>How the OpenCL evaluator (<see cref="OpenClEvaluator"/>) splits a batch and sizes work-groups.</summary>
public sealed class OpenClBatchRunnerOptions
{
    /// <summary>
    /// Items per chunk (default 1 Mi). A batch larger than one chunk is pipelined through two sets of device buffers:
    /// while the kernel runs on one chunk, the next is uploaded and the previous downloaded.
    /// </summary>
    public int ChunkSize { get; init; } = 1 << 20;

    /// <summary>The work-group size; <see langword="null"/> picks up to 256, a multiple of the device's preferred multiple.</summary>
    public int? WorkGroupSize { get; init; }
}
