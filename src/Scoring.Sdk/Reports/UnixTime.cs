namespace Scoring.Reports;

/// <summary>Reports carry time as unix seconds (a double); the ledger and queries use <see cref="DateTimeOffset"/>.</summary>
public static class UnixTime
{
    /// <summary>The UTC instant <paramref name="unixSeconds"/> after 1970-01-01, rounded to the nearest tick (100 ns).</summary>
    /// <param name="unixSeconds">Finite seconds within the range of <see cref="DateTimeOffset"/>.</param>
    public static DateTimeOffset FromSeconds(double unixSeconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixSeconds * TimeSpan.TicksPerSecond));
}
