using Microsoft.AspNetCore.Mvc;

namespace Swarm.Dashboard;

/// <summary>
/// Writes an error that middleware answers itself (an authentication challenge, a rate limit) as an RFC 9457 problem
/// document, like every other error of the dashboard.
/// </summary>
internal static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? challenge = null)
    {
        context.Response.StatusCode = status;
        if (challenge is not null)
            context.Response.Headers.WWWAuthenticate = challenge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
