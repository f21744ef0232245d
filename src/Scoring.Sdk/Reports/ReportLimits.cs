namespace Scoring.Reports;

/// <summary>
/// The bounds every report type shares. A value outside them is rejected as absurd rather than scored. Each scheme's
/// report types add the bounds of their own fields (e.g. the largest image side) next to their decoders.
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
}
