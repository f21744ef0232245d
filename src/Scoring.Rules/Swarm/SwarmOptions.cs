namespace Scoring.Rules.Swarm;

/// <summary>
/// Settings of the swarm scheme's accrual (configuration section <c>Swarm</c>): the peer cap, presence intervals and
/// the reorder window. The rates (FLOPs per point, presence points per hour, the most FLOPs a peer is credited per
/// second) are parameters of the <c>swarm-points</c> rule set. Every value is a default taken from the swarm's
/// published rules; see <c>docs/schemes.md</c>.
/// </summary>
public sealed class SwarmOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Swarm";

    /// <summary>How many peers of one account accrue at the same instant (default 2), unless a
    /// <see cref="PeerCapChanges"/> entry is in force.</summary>
    public int PeerCap { get; set; } = 2;

    /// <summary>
    /// Changes of <see cref="PeerCap"/> during a run, each effective from a report time, in increasing order.
    /// They are part of the options (not a live reload) so that replaying the same reports gives the same points.
    /// </summary>
    public IList<PeerCapChange> PeerCapChanges { get; set; } = new List<PeerCapChange>();

    /// <summary>A peer stays active while its next report arrives within this time of the previous one (default 2 minutes).</summary>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How far out of time order the reports of one account may arrive (default 30 s). Reports are held this long
    /// behind the newest report of their account, then settled in time order; a report older than what has already
    /// been settled is rejected as late. 0 settles an instant as soon as a later report of the account arrives.
    /// </summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(30);
}
