namespace Scoring.Ledger;

/// <summary>
/// The stored form of a running total (account or peer), in raw units and UTC ticks. Every store keeps and
/// returns totals in this shape, so the rules for adding to them live in one place (<see cref="TotalsDelta"/>).
/// </summary>
internal struct TotalsRow
{
    /// <summary>First-seen when there is no activity entry: sorts after every real time.</summary>
    public const long NoFirstSeen = long.MaxValue;

    /// <summary>Last-seen when there is no activity entry.</summary>
    public const long NoLastSeen = long.MinValue;

    public long Total;
    public long Compute;
    public long Presence;
    public long Jobs;
    public long Boosts;
    public long Adjustments;
    public long ActiveSeconds;
    public long EntryCount;
    public long FirstSeen;
    public long LastSeen;

    public static TotalsRow Empty => new() { FirstSeen = NoFirstSeen, LastSeen = NoLastSeen };

    public readonly ScoreParts Parts => new(
        Points.FromUnits(Compute), Points.FromUnits(Presence), Points.FromUnits(Jobs),
        Points.FromUnits(Boosts), Points.FromUnits(Adjustments));

    public readonly DateTimeOffset? FirstSeenTime => FirstSeen == NoFirstSeen ? null : LedgerTime.FromTicks(FirstSeen);

    public readonly DateTimeOffset? LastSeenTime => LastSeen == NoLastSeen ? null : LedgerTime.FromTicks(LastSeen);

    public readonly AccountTotals ToAccountTotals(string account) =>
        new(account, Points.FromUnits(Total), Parts, ActiveSeconds, FirstSeenTime, LastSeenTime, EntryCount);

    public readonly PeerTotals ToPeerTotals(string account, string peer) =>
        new(account, peer, Points.FromUnits(Total), Parts, ActiveSeconds, FirstSeenTime, LastSeenTime, EntryCount);
}
