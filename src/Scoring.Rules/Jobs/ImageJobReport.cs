using Scoring.Reports;

namespace Scoring.Rules.Jobs;

/// <summary>A finished image-generation job of an inference miner (<c>"type": "image"</c>): Waifu points.</summary>
/// <param name="JobId">The job's unique id, also the report id (JSON <c>jobId</c>).</param>
/// <param name="MinerId">The miner (GPU) that ran the job (JSON <c>minerId</c>): the report's producer.</param>
/// <param name="Wallet">The wallet the miner's points go to (JSON <c>wallet</c>).</param>
/// <param name="Category">The model category id, e.g. <c>sd15</c>, <c>sd15-lora</c>, <c>sdxl</c>, <c>sdxl-lora</c>,
/// <c>flux</c>; which ids are valid is the rule set's decision (JSON <c>category</c>).</param>
/// <param name="Width">Image width in pixels (JSON <c>width</c>).</param>
/// <param name="Height">Image height in pixels (JSON <c>height</c>).</param>
/// <param name="Steps">Diffusion steps (JSON <c>steps</c>).</param>
/// <param name="GpuVramGb">The miner GPU's memory in GB (JSON <c>gpuVramGb</c>).</param>
/// <param name="LatencySeconds">Seconds from job assignment to result (JSON <c>latencySeconds</c>).</param>
/// <param name="Timestamp">When the job finished, in unix seconds (JSON <c>timestamp</c>).</param>
public sealed record ImageJobReport(
    string JobId,
    string MinerId,
    string Wallet,
    string Category,
    int Width,
    int Height,
    int Steps,
    double GpuVramGb,
    double LatencySeconds,
    double Timestamp) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => ImageJobReportType.Instance;

    /// <inheritdoc />
    public override string Id => JobId;

    /// <inheritdoc />
    public override string Producer => MinerId;

    /// <inheritdoc />
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);
}
