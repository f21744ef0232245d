using Scoring.Reports;

namespace Scoring.Rules.Jobs;

/// <summary>A finished LLM inference job of an inference miner (<c>"type": "llm"</c>): Llama points.</summary>
/// <param name="JobId">The job's unique id, also the report id (JSON <c>jobId</c>).</param>
/// <param name="MinerId">The miner (GPU) that ran the job (JSON <c>minerId</c>): the report's producer.</param>
/// <param name="Wallet">The wallet the miner's points go to (JSON <c>wallet</c>).</param>
/// <param name="Model">The model id, e.g. <c>hermes-3-llama3.1-8b</c>; which ids are valid is the rule set's decision
/// (JSON <c>model</c>).</param>
/// <param name="InputTokens">Prompt tokens (JSON <c>inputTokens</c>).</param>
/// <param name="OutputTokens">Generated tokens (JSON <c>outputTokens</c>).</param>
/// <param name="GpuVramGb">The miner GPU's memory in GB (JSON <c>gpuVramGb</c>).</param>
/// <param name="LatencySeconds">Seconds from job assignment to result (JSON <c>latencySeconds</c>).</param>
/// <param name="Timestamp">When the job finished, in unix seconds (JSON <c>timestamp</c>).</param>
public sealed record LlmJobReport(
    string JobId,
    string MinerId,
    string Wallet,
    string Model,
    int InputTokens,
    int OutputTokens,
    double GpuVramGb,
    double LatencySeconds,
    double Timestamp) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => LlmJobReportType.Instance;

    /// <inheritdoc />
    public override string Id => JobId;

    /// <inheritdoc />
    public override string Producer => MinerId;

    /// <inheritdoc />
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);
}
