using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Swarm.Dashboard;

/// <summary>
/// <c>GET /health</c>'s body: the overall status and each check's status, description and duration, as JSON (200 when
/// healthy or degraded, 503 when unhealthy). An exception's message is in the description; its stack trace never is.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new HealthDocument(report.Status.ToString(), report.TotalDuration.TotalMilliseconds,
            report.Entries.Select(e => new HealthEntry(e.Key, e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds)).ToArray()),
            HealthJson.Default.HealthDocument, context.RequestAborted);
    }
}

/// <summary>The answer to <c>GET /health</c>.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c>.</param>
/// <param name="Milliseconds">How long the checks took.</param>
/// <param name="Checks">Each check.</param>
public sealed record HealthDocument(string Status, double Milliseconds, IReadOnlyList<HealthEntry> Checks);

/// <summary>One health check's result.</summary>
/// <param name="Name">The check (<c>ledger</c>).</param>
/// <param name="Status">Its status.</param>
/// <param name="Description">What it found.</param>
/// <param name="Milliseconds">How long it took.</param>
public sealed record HealthEntry(string Name, string Status, string? Description, double Milliseconds);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthDocument))]
internal sealed partial class HealthJson : System.Text.Json.Serialization.JsonSerializerContext;
