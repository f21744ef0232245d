namespace Scoring.Cli.Generation;

/// <summary>
/// Time in the synthetic data sets: integer milliseconds from a fixed epoch, 2026-01-01T00:00:00Z, so that output
/// is reproducible and never accumulates floating-point drift; written as unix seconds with up to three decimals.
/// </summary>
internal static class GenerationClock
{
    /// <summary>2026-01-01T00:00:00Z in unix milliseconds.</summary>
    public const long EpochMilliseconds = 1_767_225_600_000;

    /// <summary>Unix seconds of a millisecond instant (one exactly rounded division).</summary>
    public static double ToUnixSeconds(long milliseconds) => milliseconds / 1000.0;
}
