namespace Scoring.Ledger;

/// <summary>Stores keep times as UTC ticks (100 ns), exactly what <see cref="DateTimeOffset.UtcTicks"/> holds.</summary>
internal static class LedgerTime
{
    public static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    /// <summary>Online when the last activity is at most <paramref name="timeout"/> before <paramref name="asOf"/> (or after it).</summary>
    public static AccountStatus StatusOf(long lastSeenTicks, DateTimeOffset asOf, TimeSpan timeout) =>
        lastSeenTicks != TotalsRow.NoLastSeen && lastSeenTicks >= asOf.UtcTicks - timeout.Ticks
            ? AccountStatus.Online
            : AccountStatus.Offline;
}
