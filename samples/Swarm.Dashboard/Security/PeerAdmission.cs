using Scoring.Reports;
using Scoring.Rules.Swarm;

namespace Swarm.Dashboard.Security;

/// <summary>
/// Which reports a signed body may carry: swarm reports of the signing peer, under the peer's own account, not stamped
/// further ahead of the server's clock than the allowed skew. A signature proves who sent the body, not whose work it
/// describes, so a peer could otherwise post (or replay) reports in the name of another peer or credit another
/// account; and a report from the future would sit in its account's reorder window, holding back every report after it.
/// </summary>
internal static class PeerAdmission
{
    /// <summary>Null when <paramref name="report"/> may be scored for <paramref name="peer"/>, else the field at fault and why.</summary>
    /// <param name="peer">The peer that signed the body.</param>
    /// <param name="report">A decoded report of the body.</param>
    /// <param name="latest">The latest report time accepted: the server's clock plus the allowed skew.</param>
    public static (string Field, string Reason)? Check(SignedPeer peer, Report report, DateTimeOffset latest) => report switch
    {
        SwarmPeerReport swarm when swarm.PeerId != peer.PeerId =>
            ("$.peerId", $"the report is of peer '{swarm.PeerId}', but the request is signed by peer '{peer.PeerId}'"),
        SwarmPeerReport swarm when swarm.Account != peer.Account =>
            ("$.account", $"peer '{peer.PeerId}' belongs to account '{peer.Account}', not '{swarm.Account}'"),
        SwarmPeerReport { Time: { } time } when time > latest =>
            ("$.timestamp", $"the report is stamped {time:yyyy-MM-dd'T'HH:mm:ss'Z'}, later than the server's clock allows ({latest:yyyy-MM-dd'T'HH:mm:ss'Z'}, Dashboard:ClockSkew ahead of now)"),
        SwarmPeerReport => null,
        _ => ("$.type", $"this server takes swarm reports only, not \"{report.Type}\""),
    };
}
