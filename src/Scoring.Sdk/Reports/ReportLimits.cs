namespace Scoring.Reports;

/// <summary>
/// The documented bounds a report must satisfy to be decoded. A value outside them is rejected as absurd
/// rather than scored: no real job renders a 100,000-pixel-wide image, and such a value is a bug or an attack.
/// </summary>
public static class ReportLimits
{
    /// <summary>The longest accepted line, in UTF-8 bytes, without its line terminator (64 KiB).</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>The longest accepted string value (ids, names), in UTF-16 characters.</summary>
    public const int MaxStringLength = 256;

    /// <summary>The earliest accepted timestamp: 2000-01-01T00:00:00Z in unix seconds.</summary>
    public const double MinTimestamp = 946_684_800;

    /// <summary>The first rejected timestamp: 2100-01-01T00:00:00Z in unix seconds (timestamps are before it).</summary>
    public const double EndTimestamp = 4_102_444_800;

    /// <summary>The largest FLOP count (cumulative or since the last report): 10^30.</summary>
    public const double MaxFlops = 1e30;

    /// <summary>The largest image width or height, in pixels.</summary>
    public const int MaxImageSide = 16_384;

    /// <summary>The largest number of diffusion steps.</summary>
    public const int MaxSteps = 1_000;

    /// <summary>The largest input or output token count of one LLM job.</summary>
    public const int MaxTokens = 10_000_000;

    /// <summary>The largest GPU memory, in GB; it must also be greater than 0.</summary>
    public const double MaxGpuVramGb = 1_024;

    /// <summary>The largest job latency, in seconds (one day).</summary>
    public const double MaxLatencySeconds = 86_400;

    /// <summary>The largest subnet uid (uids are unsigned 16-bit numbers).</summary>
    public const int MaxUid = 65_535;

    /// <summary>The largest GPU count of one miner.</summary>
    public const int MaxGpuCount = 1_024;
}
