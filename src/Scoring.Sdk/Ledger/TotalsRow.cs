namespace Scoring.Ledger;

/// <summary>
/// The stored form of a running total's account-level sums (one scheme and account, or a sum of them), in raw units
/// and UTC ticks; the kind parts are kept beside it. Every store keeps and returns totals in this shape, so the rules
/// for adding to them live in one place (<see cref="TotalsDelta"/>).
/// </summary>
internal struct TotalsRow
{
    /// <summary>First-seen when there is no activity entry: sorts after every real time.</summary>
    public const long NoFirstSeen = long.MaxValue;

    /// <summary>Last-seen when there is no activity entry.</summary>
    public const long NoLastSeen = long.MinValue;

    public long Total;
    public long ActiveSeconds;
    public long EntryCount;
    public long FirstSeen;
    public long LastSeen;

    public static TotalsRow Empty => new() { FirstSeen = NoFirstSeen, LastSeen = NoLastSeen };

    public readonly DateTimeOffset? FirstSeenTime => FirstSeen == NoFirstSeen ? null : LedgerTime.FromTicks(FirstSeen);

    public readonly DateTimeOffset? LastSeenTime => LastSeen == NoLastSeen ? null : LedgerTime.FromTicks(LastSeen);

    public readonly AccountTotals ToAccountTotals(string account, ScoreParts parts) =>
        new(account, Points.FromUnits(Total), parts, ActiveSeconds, FirstSeenTime, LastSeenTime, EntryCount);

    public readonly PeerTotals ToPeerTotals(string account, string peer, ScoreParts parts) =>
        new(account, peer, Points.FromUnits(Total), parts, ActiveSeconds, FirstSeenTime, LastSeenTime, EntryCount);
}
