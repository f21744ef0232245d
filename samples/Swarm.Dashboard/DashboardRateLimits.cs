using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Swarm.Dashboard.Security;

namespace Swarm.Dashboard;

/// <summary>
/// Rate limits of the write endpoints: a signed <c>POST /reports</c> counts against its peer (a token bucket of
/// <see cref="DashboardOptions.ReportRequestsPerSecond"/>); <c>POST /peers</c>, and <c>POST /reports</c> without a valid
/// signature, count against the client's address (<see cref="DashboardOptions.ClientRequestsPerMinute"/>). A refused
/// request gets 429 with <c>Retry-After</c> and a problem document. Behind a reverse proxy every client has the
/// proxy's address unless forwarded headers are applied.
/// </summary>
internal static class DashboardRateLimits
{
    public const string ReportsPolicy = "reports";
    public const string PeersPolicy = "peers";

    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await ProblemResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                context.User.FindFirst(DashboardAuthentication.PeerClaim) is { } peer
                    ? $"peer '{peer.Value}' posts more often than Dashboard:ReportRequestsPerSecond allows; post fewer, larger bodies."
                    : "this client address makes more requests than Dashboard:ClientRequestsPerMinute allows.");
        };
        limiter.AddPolicy(ReportsPolicy, context =>
        {
            var options = Options(context);
            return context.User.FindFirst(DashboardAuthentication.PeerClaim) is { } peer
                ? RateLimitPartition.GetTokenBucketLimiter("peer:" + peer.Value, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 2 * options.ReportRequestsPerSecond,
                    TokensPerPeriod = options.ReportRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : PerClient(context, options);
        });
        limiter.AddPolicy(PeersPolicy, context => PerClient(context, Options(context)));
    });

    private static DashboardOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<DashboardOptions>>().CurrentValue;

    private static RateLimitPartition<string> PerClient(HttpContext context, DashboardOptions options) =>
        RateLimitPartition.GetFixedWindowLimiter("client:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.ClientRequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
