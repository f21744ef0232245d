namespace Swarm.Dashboard.Security;

/// <summary>A peer allowed to post reports.</summary>
/// <param name="PeerId">The peer's id (reports' <c>peerId</c>).</param>
/// <param name="Account">The account its points go to (reports' <c>account</c> must match).</param>
/// <param name="Secret">The hex HMAC-SHA256 key the peer signs bodies with.</param>
public sealed record RegisteredPeer(string PeerId, string Account, string Secret);
