using Swarm.Dashboard.Security;

namespace Swarm.Dashboard;

/// <summary>
/// <c>POST /peers</c> registers a peer and <c>POST /peers/{peerId}/rotate</c> gives it a new secret: both need the
/// admin credential, and both are logged (never the secret).
/// </summary>
internal static partial class PeersEndpoints
{
    public static void MapPeers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/peers", Register)
            .RequireAuthorization(DashboardAuthentication.AdminPolicy)
            .RequireRateLimiting(DashboardRateLimits.PeersPolicy)
            .Produces<PeerCredentials>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Register a peer of an account and issue its secret (admin)");
        app.MapPost("/peers/{peerId}/rotate", Rotate)
            .RequireAuthorization(DashboardAuthentication.AdminPolicy)
            .RequireRateLimiting(DashboardRateLimits.PeersPolicy)
            .Produces<PeerCredentials>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Issue a new secret to a registered peer; the old one stops working at once (admin)");
    }

    private static IResult Register(PeerRequest request, PeerRegistry registry, ILogger<PeerRegistry> logger)
    {
        try
        {
            var peer = registry.Register(request.PeerId ?? "", request.Account ?? "");
            LogIssued(logger, peer.PeerId, peer.Account);
            return Results.Created($"/peers/{Uri.EscapeDataString(peer.PeerId)}", new PeerCredentials(peer.PeerId, peer.Account, peer.Secret));
        }
        catch (ArgumentException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The peer cannot be registered", detail: e.Message);
        }
        catch (PeerExistsException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The peer is registered already", detail: e.Message);
        }
    }

    private static IResult Rotate(string peerId, PeerRegistry registry, ILogger<PeerRegistry> logger)
    {
        if (registry.Rotate(peerId) is not { } peer)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such peer", detail: $"peer '{peerId}' is not registered; register it with POST /peers.");
        LogRotated(logger, peer.PeerId, peer.Account);
        return Results.Ok(new PeerCredentials(peer.PeerId, peer.Account, peer.Secret));
    }

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Issued a secret to new peer {Peer} of account {Account}.")]
    private static partial void LogIssued(ILogger logger, string peer, string account);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Rotated the secret of peer {Peer} of account {Account}: its old secret no longer signs.")]
    private static partial void LogRotated(ILogger logger, string peer, string account);
}
