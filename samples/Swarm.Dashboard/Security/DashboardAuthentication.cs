namespace Swarm.Dashboard.Security;

/// <summary>The dashboard's authentication schemes, claims and authorization policies.</summary>
public static class DashboardAuthentication
{
    /// <summary>The default scheme: forwards to <see cref="PeerScheme"/> or <see cref="AdminScheme"/> by the <c>Authorization</c> header's scheme.</summary>
    public const string DefaultScheme = "Dashboard";

    /// <summary>Nodes: a signed request (<see cref="PeerSignature"/>).</summary>
    public const string PeerScheme = PeerSignature.Scheme;

    /// <summary>The operator: <c>Authorization: Bearer &lt;admin token&gt;</c>.</summary>
    public const string AdminScheme = "Bearer";

    /// <summary>The claim of the signing peer's id.</summary>
    public const string PeerClaim = "peer";

    /// <summary>The claim of the signing peer's account.</summary>
    public const string AccountClaim = "account";

    /// <summary>The role of the admin credential.</summary>
    public const string AdminRole = "admin";

    /// <summary>The policy of <c>POST /reports</c>: a registered peer's valid signature.</summary>
    public const string PeerPolicy = "peer";

    /// <summary>The policy of <c>POST /peers</c>: the admin credential.</summary>
    public const string AdminPolicy = "admin";
}
