using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Swarm.Dashboard.Security;

namespace Swarm.Dashboard;

/// <summary><c>POST /reports</c>: a registered peer's signed body of swarm reports, recorded whole or not at all.</summary>
internal static class ReportsEndpoint
{
    public static void MapReports(this IEndpointRouteBuilder app) =>
        app.MapPost("/reports", PostAsync)
            .RequireAuthorization(DashboardAuthentication.PeerPolicy)
            .RequireRateLimiting(DashboardRateLimits.ReportsPolicy)
            .Produces<ReportsResponse>(StatusCodes.Status200OK)
            .Produces<ReportsResponse>(StatusCodes.Status207MultiStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Post a peer's swarm reports (JSON Lines or a JSON array), signed with its secret")
            .WithDescription("Every line read is exactly one of accepted, duplicate, conflict, late or rejected. 200: nothing refused (a retry is all duplicates); 207: some lines refused; 400: nothing usable. A body is recorded whole or not at all; bodies that arrive together share one ledger transaction (group commit).");

    private static async Task<IResult> PostAsync(HttpContext context, BodyBuffer buffer, ReportReceiver receiver,
        IOptionsMonitor<DashboardOptions> options, TimeProvider time)
    {
        // The handler verified the signature over the headers, the Content-Digest among them, for a registered peer; the
        // body must be the one whose digest it signed.
        var peer = SignedPeer.Of(context.User);
        if (!PeerSignature.TryParseDigest(context.Request.Headers[PeerSignature.DigestHeader], out byte[] digest))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The request is not signed by a registered peer", detail: "the request has no valid Content-Digest header.");

        BufferedBody body;
        try
        {
            body = await buffer.ReadAsync(context.Request, digest, context.RequestAborted);
        }
        catch (BodyRefusedException refused)
        {
            if (refused.Status == StatusCodes.Status401Unauthorized)
                context.Response.Headers.WWWAuthenticate = PeerSignature.Scheme;
            if (refused.Status == StatusCodes.Status503ServiceUnavailable)
                context.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Message);
        }

        using (body)
        {
            byte[] lines = ReportBody.ToJsonLines(body.Bytes, out string? bodyError);
            if (bodyError is not null)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not JSON Lines or a JSON array", detail: bodyError);

            IngestionSummary summary;
            IReadOnlyList<ReportRejection> refused;
            try
            {
                (summary, refused) = await receiver.ReceiveAsync(peer, lines, time.GetUtcNow() + options.CurrentValue.ClockSkew, context.RequestAborted);
            }
            catch (IngestionException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The ledger refused the body", detail: e.Message);
            }

            var response = new ReportsResponse(summary.Read, summary.Scored, summary.Duplicates, summary.Conflicts, summary.Late, summary.Rejected,
                refused.Select(r => new RefusedLine(r.Line, Outcome(r.Kind), r.Field, r.Reason)).ToArray());
            if (refused.Count == 0)
                return Results.Ok(response);
            if (summary.Scored + summary.Duplicates > 0)
                return Results.Json(response, statusCode: StatusCodes.Status207MultiStatus);
            // Nothing usable: an error, so a problem document, with the same counts as extension members.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No report of the body could be recorded",
                detail: $"all {summary.Read} lines were refused; see 'refused' for each line's reason.",
                extensions: new Dictionary<string, object?>
                {
                    ["read"] = response.Read,
                    ["accepted"] = response.Accepted,
                    ["duplicates"] = response.Duplicates,
                    ["conflicts"] = response.Conflicts,
                    ["late"] = response.Late,
                    ["rejected"] = response.Rejected,
                    ["refused"] = response.Refused,
                });
        }
    }

    private static string Outcome(RejectionKind kind) => kind switch
    {
        RejectionKind.Conflict => "conflict",
        RejectionKind.Late => "late",
        _ => "rejected",
    };
}
