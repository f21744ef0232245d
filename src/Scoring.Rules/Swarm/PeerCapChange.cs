namespace Scoring.Rules.Swarm;

/// <summary>A change of the per-account peer cap that takes effect at a report time.</summary>
public sealed class PeerCapChange
{
    /// <summary>The instant (unix seconds, report time) from which <see cref="PeerCap"/> is in force.</summary>
    public double From { get; set; }

    /// <summary>The number of peers per account that accrue from <see cref="From"/> on.</summary>
    public int PeerCap { get; set; }
}
