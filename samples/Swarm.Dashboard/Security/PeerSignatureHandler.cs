using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Security;

/// <summary>
/// Authenticates a node's signed request (<see cref="PeerSignature"/>) from its headers alone: a registered peer, a
/// timestamp within <see cref="DashboardOptions.ClockSkew"/> of the server's clock, and a valid HMAC over the method,
/// path, timestamp, peer and <c>Content-Digest</c>. No byte of the body is read here; the endpoint compares the body
/// with the signed digest as it reads it. Failures are logged with the client's address and the claimed peer, never
/// a MAC or a secret.
/// </summary>
public sealed partial class PeerSignatureHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly PeerRegistry _registry;
    private readonly IOptionsMonitor<DashboardOptions> _dashboard;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler (per request, by the authentication service).</summary>
    public PeerSignatureHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        PeerRegistry registry, IOptionsMonitor<DashboardOptions> dashboard, TimeProvider time)
        : base(options, logger, encoder)
    {
        _registry = registry;
        _dashboard = dashboard;
        _time = time;
    }

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return Task.FromResult(Refuse(null, "the request has no Authorization header; sign it: Authorization: HMAC-SHA256 <peerId>:<unix seconds>:<hex HMAC-SHA256> with Content-Digest (docs/hosts.md)."));
        if (!PeerSignature.TryParse(header, out string peerId, out long seconds, out byte[] mac))
            return Task.FromResult(Refuse(null, "the Authorization header is not 'HMAC-SHA256 <peerId>:<unix seconds>:<64 hex digits>'."));

        var now = _time.GetUtcNow();
        var skew = _dashboard.CurrentValue.ClockSkew;
        long offBy = seconds - now.ToUnixTimeSeconds();
        if (Math.Abs((double)offBy) > skew.TotalSeconds)
            return Task.FromResult(Refuse(peerId,
                $"the request is signed for unix time {seconds.ToString(CultureInfo.InvariantCulture)}, {Math.Abs((double)offBy).ToString(CultureInfo.InvariantCulture)} s {(offBy < 0 ? "behind" : "ahead of")} the server's clock ({now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}); at most {skew.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Dashboard:ClockSkew) is accepted. Sign each request when it is sent, with a synchronized clock."));

        string? digest = Request.Headers[PeerSignature.DigestHeader];
        if (!PeerSignature.TryParseDigest(digest, out _))
            return Task.FromResult(Refuse(peerId, "the request has no Content-Digest header of the form 'sha-256=:<base64 of the body's SHA-256>:' (RFC 9530)."));

        RegisteredPeer? peer;
        try
        {
            peer = _registry.Find(peerId);
        }
        catch (CryptographicException)
        {
            LogUnreadableSecret(Logger, peerId);
            return Task.FromResult(Refuse(peerId, "the server cannot read this peer's secret; ask the operator to rotate it."));
        }
        string path = (Request.PathBase + Request.Path).Value ?? "";
        if (peer is null || !PeerSignature.Verify(peer.Secret, Request.Method, path, seconds, peerId, digest!, mac))
            return Task.FromResult(Refuse(peerId, $"the signature does not verify for peer '{peerId}' (not registered, or another secret signed it)."));

        var identity = new ClaimsIdentity(
            [new Claim(DashboardAuthentication.PeerClaim, peer.PeerId), new Claim(DashboardAuthentication.AccountClaim, peer.Account)],
            Scheme.Name, DashboardAuthentication.PeerClaim, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ProblemResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized, "The request is not signed by a registered peer",
            result.Failure?.Message ?? "sign the request (docs/hosts.md).", PeerSignature.Scheme);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponse.WriteAsync(Context, StatusCodes.Status403Forbidden, "A peer's signature does not allow this", "this endpoint is not for nodes.", null);

    private AuthenticateResult Refuse(string? peerId, string reason)
    {
        LogRefused(Logger, Request.Method, Request.Path.Value ?? "", Context.Connection.RemoteIpAddress?.ToString() ?? "?", peerId ?? "(none)", reason);
        return AuthenticateResult.Fail(reason);
    }

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Address}, peer {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string address, string peer, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "The secret of peer {Peer} cannot be decrypted: the Data Protection key ring (Dashboard:KeysPath) is not the one it was protected with. Rotate the peer's secret.")]
    private static partial void LogUnreadableSecret(ILogger logger, string peer);
}
