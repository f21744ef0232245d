namespace Scoring.Rules.Swarm;

/// <summary>The mutable accrual state of one account: its peers, live peers in place order, the cap and the pending instants.</summary>
internal sealed class SwarmAccount(string name, int cap)
{
    public string Name { get; } = name;

    /// <summary>Every peer of the account, by id.</summary>
    public Dictionary<string, SwarmPeer> Peers { get; } = new(StringComparer.Ordinal);

    /// <summary>Live peers ordered by (activation, peer id); the first <see cref="Cap"/> hold places.</summary>
    public List<SwarmPeer> Live { get; } = [];

    /// <summary>Reports not yet settled, ordered by time, peer id, then report id (ordinal).</summary>
    public List<PendingReport> Pending { get; } = [];

    public int Cap = cap;
    /// <summary>The index of the next <see cref="SwarmOptions.PeerCapChanges"/> entry not yet applied to this account.</summary>
    public int CapIndex;
    /// <summary>The latest report time seen (microseconds).</summary>
    public long MaxSeen = long.MinValue;
    /// <summary>The latest settled instant (microseconds): the watermark; reports at or before it are late.</summary>
    public long Settled = long.MinValue;

    public void InsertLive(SwarmPeer peer)
    {
        int i = Live.Count;
        while (i > 0 && Live[i - 1].CompareActivation(peer) > 0)
        {
            i--;
        }
        Live.Insert(i, peer);
    }

    public void InsertPending(in PendingReport report)
    {
        int i = Pending.Count;
        while (i > 0 && Pending[i - 1].CompareTo(report) > 0)
        {
            i--;
        }
        Pending.Insert(i, report);
    }
}

/// <summary>An accepted report waiting to be settled (a struct: no allocation per report).</summary>
internal readonly record struct PendingReport(string ReportId, SwarmPeer Peer, double Timestamp, long Time, double? CumulativeFlops, double? FlopsSinceLast)
{
    /// <summary>
    /// Settlement order: time, then peer id, then report id (ordinal). Never arrival order, so the same set of reports
    /// settles the same way however it was split, batched or interleaved.
    /// </summary>
    public int CompareTo(in PendingReport other)
    {
        int byTime = Time.CompareTo(other.Time);
        if (byTime != 0)
        {
            return byTime;
        }
        int byPeer = string.CompareOrdinal(Peer.PeerId, other.Peer.PeerId);
        return byPeer != 0 ? byPeer : string.CompareOrdinal(ReportId, other.ReportId);
    }
}
