using System.Security.Claims;

namespace Swarm.Dashboard.Security;

/// <summary>
/// The peer that signed a request, as <see cref="PeerSignatureHandler"/> verified it: its id and account, carried by
/// the request's claims. The endpoint reads them there instead of looking the peer up a second time (a pooled
/// connection, a statement prepared and run) a moment after the handler did.
/// </summary>
/// <param name="PeerId">The peer's id (reports' <c>peerId</c> must match).</param>
/// <param name="Account">The account its points go to (reports' <c>account</c> must match).</param>
public sealed record SignedPeer(string PeerId, string Account)
{
    /// <summary>The signed peer of an authenticated request (<see cref="DashboardAuthentication.PeerPolicy"/>).</summary>
    public static SignedPeer Of(ClaimsPrincipal user) =>
        new(user.FindFirst(DashboardAuthentication.PeerClaim)!.Value, user.FindFirst(DashboardAuthentication.AccountClaim)!.Value);
}
