namespace Scoring.Rules.Swarm;

/// <summary>The mutable accrual state of one account: its live peers in place order, the cap and the pending instant.</summary>
internal sealed class SwarmAccount(string name, int cap)
{
    public string Name { get; } = name;

    /// <summary>Live peers ordered by (activation, peer id); the first <see cref="Cap"/> hold places.</summary>
    public List<SwarmPeer> Live { get; } = [];

    /// <summary>Reports at <see cref="Clock"/> not yet settled, ordered by peer id (ordinal), then arrival.</summary>
    public List<PendingReport> Pending { get; } = [];

    public int Cap = cap;
    /// <summary>The index of the next <see cref="SwarmOptions.PeerCapChanges"/> entry not yet applied to this account.</summary>
    public int CapIndex;
    /// <summary>The latest instant seen (microseconds); reports before it are late.</summary>
    public long Clock = long.MinValue;

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
        while (i > 0 && string.CompareOrdinal(Pending[i - 1].Peer.PeerId, report.Peer.PeerId) > 0)
        {
            i--;
        }
        Pending.Insert(i, report);
    }
}

/// <summary>An accepted report waiting for its instant to be settled (a struct: no allocation per report).</summary>
internal readonly record struct PendingReport(string ReportId, SwarmPeer Peer, double Timestamp, UInt128 Flops);
