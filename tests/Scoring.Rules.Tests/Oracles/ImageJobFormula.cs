using System.Globalization;
using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The reference per-job formula for image jobs (Waifu points):
/// <c>points = width × height × steps × rate × multiplier</c>, evaluated left to right in IEEE double and
/// converted once with <see cref="Points.FromDouble"/>. A rule-set document expressing it must match bit for bit.
/// </summary>
public static class ImageJobFormula
{
    /// <summary>The largest width or height accepted, in pixels.</summary>
    public const int MaxSide = 65_536;

    /// <summary>The most sampling steps accepted.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>Scores one image job.</summary>
    /// <remarks>
    /// Order of judgement: unknown category or impossible value → rejected; GPU memory below the category's minimum
    /// → 0; latency over <see cref="OracleJobsOptions.ImageDeadline"/> → 0; otherwise the formula.
    /// </remarks>
    public static JobScore Score(in ImageJob job, OracleJobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(job.Category) || !options.ImageCategories.TryGetValue(job.Category, out var category))
        {
            return JobScore.Rejected($"unknown image category '{job.Category}'");
        }
        if (job.Width is < 1 or > MaxSide || job.Height is < 1 or > MaxSide)
        {
            return JobScore.Rejected($"width and height must be 1 to {MaxSide} pixels (got {job.Width} × {job.Height})");
        }
        if (job.Steps is < 1 or > MaxSteps)
        {
            return JobScore.Rejected($"steps must be 1 to {MaxSteps} (got {job.Steps})");
        }
        if (JobChecks.Hardware(job.VramGb, job.LatencySeconds) is { } bad)
        {
            return JobScore.Rejected(bad);
        }
        if (job.VramGb < category.MinVramGb)
        {
            return JobScore.Ineligible(JobChecks.BelowMinimum(job.VramGb, category.MinVramGb, "image category", job.Category));
        }
        double deadline = options.ImageDeadline.TotalSeconds;
        if (job.LatencySeconds > deadline)
        {
            return JobScore.Ineligible(JobChecks.OverDeadline(job.LatencySeconds, deadline));
        }
        double points = (double)job.Width * job.Height * job.Steps * options.ImageRate * category.Multiplier;
        return JobScore.Scored(Points.FromDouble(points));
    }
}

/// <summary>Checks and messages shared by the per-job formulas.</summary>
internal static class JobChecks
{
    public static string? Hardware(double vramGb, double latencySeconds) =>
        !(vramGb >= 0 && double.IsFinite(vramGb)) ? $"vramGb must be a finite number of at least 0 (got {Text(vramGb)})"
        : !(latencySeconds >= 0 && double.IsFinite(latencySeconds)) ? $"latencySeconds must be a finite number of at least 0 (got {Text(latencySeconds)})"
        : null;

    public static string BelowMinimum(double vramGb, double minimum, string what, string id) =>
        $"ineligible: {Text(vramGb)} GB of VRAM is below the {Text(minimum)} GB minimum of {what} '{id}'";

    public static string OverDeadline(double latencySeconds, double deadlineSeconds) =>
        $"ineligible: {Text(latencySeconds)} s is over the {Text(deadlineSeconds)} s deadline";

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
