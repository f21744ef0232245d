using System.Globalization;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Swarm;

namespace Swarm.Dashboard;

/// <summary>The read side, open to anyone: the page, its settings, the leaderboard and the chart's history.</summary>
internal static class LeaderboardEndpoints
{
    public static void MapLeaderboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(Page.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/api/config", (IOptionsMonitor<DashboardOptions> options) =>
            new PageConfig(options.CurrentValue.RefreshSeconds, options.CurrentValue.LeaderboardSize))
            .WithSummary("The page's settings, re-read each refresh");
        app.MapGet("/api/leaderboard", GetLeaderboard)
            .Produces<LeaderboardDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The swarm leaderboard: top accounts by exact score, as of a time (unix seconds or ISO 8601)");
        app.MapGet("/api/history", GetHistory)
            .Produces<HistoryDocument>()
            .WithSummary("The top accounts' cumulative scores at evenly spaced report times");
    }

    private static async Task<IResult> GetLeaderboard(ILedgerStore ledger, IOptionsMonitor<DashboardOptions> options,
        int? top, string? asOf, CancellationToken cancellationToken)
    {
        DateTimeOffset? at = null;
        if (!string.IsNullOrEmpty(asOf))
        {
            if (!TryParseTime(asOf, out var parsed))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: $"asOf '{asOf}' is neither unix seconds nor an ISO 8601 time.");
            at = parsed;
        }
        if (top is < 1 or > 10_000)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: $"top must be between 1 and 10000, not {top}.");
        var board = await ledger.GetLeaderboardAsync(new LeaderboardQuery
        {
            Scheme = SwarmScheme.SchemeName,
            Top = top ?? options.CurrentValue.LeaderboardSize,
            AsOf = at,
            OnlineTimeout = options.CurrentValue.OnlineTimeout,
        }, cancellationToken);
        return Results.Ok(new LeaderboardDocument(board.AsOf, board.AccountCount, board.Rows.Select(r => new LeaderboardEntry(
            r.Rank, r.Account, r.ActiveSeconds, r.Joined, r.LastSeen, r.Score, r.Parts.Of(SwarmScheme.ComputeKind), r.Parts.Of(SwarmScheme.PresenceKind),
            r.Status == AccountStatus.Online ? "online" : "offline")).ToArray()));
    }

    private static async Task<IResult> GetHistory(ILedgerStore ledger, IOptionsMonitor<DashboardOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var board = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = SwarmScheme.SchemeName, Top = settings.ChartAccounts }, cancellationToken);
        var first = board.Rows.Select(r => r.Joined).Where(j => j is not null).Min();
        var last = board.Rows.Select(r => r.LastSeen).Where(j => j is not null).Max();
        if (first is null || last is null)
            return Results.Ok(new HistoryDocument([], []));
        // Evenly spaced report times from the first to the last activity; each point is the score "as of" that time.
        var times = Enumerable.Range(0, settings.ChartPoints)
            .Select(i => first.Value + (last.Value - first.Value) * i / (settings.ChartPoints - 1))
            .ToArray();
        var series = new List<HistorySeries>();
        foreach (var row in board.Rows)
        {
            var scores = new Points[times.Length];
            for (int i = 0; i < times.Length; i++)
            {
                var totals = await ledger.GetAccountTotalsAsync(row.Account, new LedgerWindow(null, times[i].AddTicks(1)), SwarmScheme.SchemeName, cancellationToken);
                scores[i] = totals?.Total ?? Points.Zero;
            }
            series.Add(new HistorySeries(row.Account, scores));
        }
        return Results.Ok(new HistoryDocument(times, series));
    }

    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) < 253_402_300_799)
        {
            time = UnixTime.FromSeconds(seconds);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
