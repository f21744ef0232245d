using Scoring.Reports;
using Scoring.Rules.Swarm;

namespace Swarm.Dashboard;

/// <summary>
/// Which reports a signed body may carry: swarm reports of the signing peer, under the peer's own account. A signature
/// proves who sent the body, not whose work it describes, so a peer could otherwise post (or replay) reports in the
/// name of another peer or credit another account.
/// </summary>
internal static class PeerAdmission
{
    /// <summary>Null when <paramref name="report"/> may be scored for <paramref name="peer"/>, else the field at fault and why.</summary>
    public static (string Field, string Reason)? Check(RegisteredPeer peer, Report report) => report switch
    {
        SwarmPeerReport swarm when swarm.PeerId != peer.PeerId =>
            ("$.peerId", $"the report is of peer '{swarm.PeerId}', but the request is signed by peer '{peer.PeerId}'"),
        SwarmPeerReport swarm when swarm.Account != peer.Account =>
            ("$.account", $"peer '{peer.PeerId}' belongs to account '{peer.Account}', not '{swarm.Account}'"),
        SwarmPeerReport => null,
        _ => ("$.type", $"this server takes swarm reports only, not \"{report.Type}\""),
    };
}
