namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The reference per-job formula for LLM jobs (Llama points):
/// <c>points = (inputTokens + outputTokens) / 1000 × multiplier</c>, evaluated left to right in IEEE double and
/// converted once with <see cref="Points.FromDouble"/>. A rule-set document expressing it must match bit for bit.
/// </summary>
public static class LlmJobFormula
{
    /// <summary>The most tokens accepted on either side of one job.</summary>
    public const long MaxTokens = 1_000_000_000;

    /// <summary>Scores one LLM job.</summary>
    /// <remarks>
    /// Order of judgement: unknown model or impossible value → rejected; GPU memory below the model's minimum → 0;
    /// latency over <see cref="OracleJobsOptions.LlmDeadline"/> → 0; otherwise the formula.
    /// </remarks>
    public static JobScore Score(in LlmJob job, OracleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(job.Model) || !options.LlmModels.TryGetValue(job.Model, out var model))
        {
            return JobScore.Rejected($"unknown LLM model '{job.Model}'");
        }
        if (job.InputTokens is < 0 or > MaxTokens || job.OutputTokens is < 0 or > MaxTokens)
        {
            return JobScore.Rejected($"inputTokens and outputTokens must be 0 to {MaxTokens} (got {job.InputTokens} and {job.OutputTokens})");
        }
        if (JobChecks.Hardware(job.VramGb, job.LatencySeconds) is { } bad)
        {
            return JobScore.Rejected(bad);
        }
        if (job.VramGb < model.MinVramGb)
        {
            return JobScore.Ineligible(JobChecks.BelowMinimum(job.VramGb, model.MinVramGb, "LLM model", job.Model));
        }
        double deadline = options.LlmDeadline.TotalSeconds;
        if (job.LatencySeconds > deadline)
        {
            return JobScore.Ineligible(JobChecks.OverDeadline(job.LatencySeconds, deadline));
        }
        double points = ((double)job.InputTokens + job.OutputTokens) / 1000 * model.Multiplier;
        return JobScore.Scored(Points.FromDouble(points));
    }
}
