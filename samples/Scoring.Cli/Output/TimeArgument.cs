using System.Globalization;
using Scoring.Reports;

namespace Scoring.Cli.Output;

/// <summary>Reads a point in time given on the command line: unix seconds (<c>1767225600</c>) or ISO 8601 (<c>2026-01-01T00:00:00Z</c>).</summary>
internal static class TimeArgument
{
    /// <summary>Parses <paramref name="text"/>, or explains why not.</summary>
    public static bool TryParse(string text, out DateTimeOffset time, out string error)
    {
        error = "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
            && seconds is >= -62_135_596_800 and <= 253_402_300_799)
        {
            time = UnixTime.FromSeconds(seconds);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return true;
        }
        error = $"'{text}' is not a time: give unix seconds (e.g. 1767225600) or ISO 8601 (e.g. 2026-01-01T00:00:00Z).";
        return false;
    }

    /// <summary>ISO 8601 in UTC to the second, for times shown for orientation (a leaderboard's as-of time): <c>2026-01-01T00:00:00Z</c>.</summary>
    public static string ToIsoSeconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in UTC with only the fraction digits the time has: <c>2026-01-01T00:00:00Z</c>, <c>2026-01-01T00:00:00.5Z</c>.</summary>
    public static string ToIso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
