namespace Scoring.Gpu;

/// <summary>
/// Where the time of one <see cref="OpenClBatchRunner.Run"/> went. <see cref="Upload"/>, <see cref="Kernel"/> and
/// <see cref="Download"/> are summed device times from OpenCL profiling events; because chunks overlap, their sum can
/// exceed <see cref="Elapsed"/>, the host wall-clock time of the whole run.
/// </summary>
/// <param name="Count">Items processed.</param>
/// <param name="Chunks">Chunks the batch was split into (0 for an empty batch).</param>
/// <param name="Upload">Device time spent copying inputs host → device.</param>
/// <param name="Kernel">Device time spent in the kernel.</param>
/// <param name="Download">Device time spent copying outputs device → host.</param>
/// <param name="Elapsed">Host wall-clock time from first enqueue to last completion.</param>
/// <param name="IsProfiled">Whether the device times come from profiling events (otherwise they are zero).</param>
/// <param name="UploadBytes">Bytes uploaded.</param>
/// <param name="DownloadBytes">Bytes downloaded.</param>
internal sealed record OpenClBatchTimings(
    int Count,
    int Chunks,
    TimeSpan Upload,
    TimeSpan Kernel,
    TimeSpan Download,
    TimeSpan Elapsed,
    bool IsProfiled,
    long UploadBytes,
    long DownloadBytes);
