using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

/// <summary>Job reports for the jobs scheme's end-to-end tests, at times relative to 2026-01-01T00:00:00Z.</summary>
internal static class JobReports
{
    /// <summary>2026-01-01T00:00:00Z: relative time 0, and the epoch origin of <see cref="Options"/>.</summary>
    public const double T0 = 1_767_225_600;

    /// <summary>One day.</summary>
    public const double Day = 86_400;

    /// <summary>Epochs of one day from <see cref="T0"/> (epoch 7 starts a week later), with the default 15-minute grace.</summary>
    public static JobsOptions Options(TimeSpan? grace = null) => new() { EpochOrigin = T0, EpochGrace = grace ?? TimeSpan.FromMinutes(15) };

    /// <summary>An image job (24 GB, 5 s unless given).</summary>
    public static ImageJobReport Image(string id, string miner, string wallet, string category, int width, int height, int steps, double t,
        double vramGb = 24, double latencySeconds = 5) =>
        new(id, miner, wallet, category, width, height, steps, vramGb, latencySeconds, T0 + t);

    /// <summary>An LLM job (48 GB, 10 s unless given).</summary>
    public static LlmJobReport Llm(string id, string miner, string wallet, string model, int input, int output, double t,
        double vramGb = 48, double latencySeconds = 10) =>
        new(id, miner, wallet, model, input, output, vramGb, latencySeconds, T0 + t);
}
