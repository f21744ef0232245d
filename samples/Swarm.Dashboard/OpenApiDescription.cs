using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Swarm.Dashboard;

/// <summary>
/// Completes the generated OpenAPI document (<c>GET /openapi/v1.json</c>) with what endpoint metadata cannot say: the
/// title, and the two ways to authenticate — a node's signature and the operator's admin credential.
/// </summary>
internal sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Swarm.Dashboard",
            Version = "v1",
            Description = "The swarm's metrics server: signed report ingestion, peer registration and the live leaderboard (docs/hosts.md).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Security.DashboardAuthentication.PeerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "HMAC-SHA256 <peerId>:<unix seconds>:<hex HMAC-SHA256(secret, \"POST\\n/reports\\n<unix seconds>\\n<peerId>\\n<Content-Digest>\")>, "
                + "with Content-Digest: sha-256=:<base64 SHA-256 of the body>: (RFC 9530). The timestamp must be within Dashboard:ClockSkew of the server's clock.",
        };
        document.Components.SecuritySchemes[Security.DashboardAuthentication.AdminScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The admin credential the server wrote to Dashboard:AdminTokenPath at its first start.",
        };
        // POST /reports takes any media type (curl's default included), so the body is described here rather than
        // with Accepts metadata, which would refuse other media types with 415.
        if (document.Paths?["/reports"]?.Operations?.GetValueOrDefault(HttpMethod.Post) is { } post)
        {
            post.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "Swarm reports as UTF-8 JSON Lines (one report per line), or a JSON array of them (element N is line N); at most Dashboard:MaxBodyBytes.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/x-ndjson"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array } },
                },
            };
        }
        return Task.CompletedTask;
    }
}
