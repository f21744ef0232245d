using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Security;

/// <summary>
/// Authenticates the operator: <c>Authorization: Bearer &lt;admin token&gt;</c> (<see cref="AdminCredential"/>). A
/// request without that header gets no identity; a wrong token is logged with the client's address, never the token.
/// </summary>
public sealed partial class AdminTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private const string Prefix = "Bearer ";
    private readonly AdminCredential _credential;

    /// <summary>Creates the handler (per request, by the authentication service).</summary>
    public AdminTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminCredential credential)
        : base(options, logger, encoder) => _credential = credential;

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith(Prefix, StringComparison.Ordinal) || !_credential.Matches(header[Prefix.Length..].Trim()))
        {
            LogRefused(Logger, Request.Method, Request.Path.Value ?? "", Context.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Task.FromResult(AuthenticateResult.Fail("the admin token does not match."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, DashboardAuthentication.AdminRole)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ProblemResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized, "The admin credential is required",
            (result.Failure?.Message ?? "this endpoint needs the admin credential.") + " Send 'Authorization: Bearer <token>' with the token the server wrote to its Dashboard:AdminTokenPath file.",
            "Bearer");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponse.WriteAsync(Context, StatusCodes.Status403Forbidden, "The admin credential does not allow this", "forbidden.", null);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Address}: the admin token does not match.")]
    private static partial void LogRefused(ILogger logger, string method, string path, string address);
}
