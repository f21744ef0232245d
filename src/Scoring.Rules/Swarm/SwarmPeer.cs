namespace Scoring.Rules.Swarm;

/// <summary>The mutable accrual state of one peer.</summary>
internal sealed class SwarmPeer(string peerId, SwarmAccount account, long firstSeen)
{
    public string PeerId { get; } = peerId;
    public SwarmAccount Account { get; } = account;
    /// <summary>The earliest report time seen (reports may arrive out of order within the reorder window).</summary>
    public long FirstSeen = firstSeen;

    /// <summary>The time of the latest accepted report, settled or not (for online status).</summary>
    public long LastSeen;
    /// <summary>The virtual FLOP counter: the last counter value, advanced by FLOPs-since-last reports.</summary>
    public UInt128 Counter;
    /// <summary>Whether a report of this peer was settled (the first one's work span is the presence timeout).</summary>
    public bool HasReported;

    // Interval: live from Activation while reports keep arriving within the timeout of LastReport.
    public bool Live;
    public long Activation;
    public long LastReport;

    // Place: SeatedSince is reset at every report (the counted time before it has been paid);
    // PlaceSince is when the current place was taken (for the audit trail).
    public bool Seated;
    public long SeatedSince;
    public long PlaceSince;
    /// <summary>Counted microseconds since the last report that are not yet paid (a place lost before the next report).</summary>
    public long PendingCounted;

    // Exact running totals; points are a function of these, so the rounding never depends on how reports are split.
    public UInt128 TotalCountedFlops;
    public long TotalCountedMicroseconds;
    public long ComputeUnits;
    public long PresenceUnits;

    /// <summary>Orders live peers by activation, then peer id (ordinal): the order in which places are given.</summary>
    public int CompareActivation(SwarmPeer other)
    {
        int byTime = Activation.CompareTo(other.Activation);
        return byTime != 0 ? byTime : string.CompareOrdinal(PeerId, other.PeerId);
    }
}
