namespace Scoring.Rules.Jobs;

/// <summary>Bounds shared by the job report types: a value outside them is rejected as absurd rather than scored.</summary>
public static class JobLimits
{
    /// <summary>The largest GPU memory, in GB; it must also be greater than 0.</summary>
    public const double MaxGpuVramGb = 1_024;

    /// <summary>The largest job latency, in seconds (one day).</summary>
    public const double MaxLatencySeconds = 86_400;
}
