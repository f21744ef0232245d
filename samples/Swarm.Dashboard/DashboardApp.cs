using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Swarm;
using Scoring.RuleSets;

namespace Swarm.Dashboard;

/// <summary>Builds the dashboard host: services, options and endpoints. <c>Program</c> runs it; tests start it in-process.</summary>
public static class DashboardApp
{
    /// <summary>The address used when no <c>Urls</c> is configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds and runs the server until it is stopped. A setting, file or rule set that keeps it from starting is one
    /// line on <paramref name="error"/> and exit code 1.
    /// </summary>
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="error">Where a failure is written (standard error).</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        try
        {
            await using var app = Build(args);
            // Checked here, before the host logs a failed start with its stack trace: every setting, then what the
            // receiver needs (the ledger, the swarm scheme's rule sets).
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            _ = app.Services.GetRequiredService<ReportReceiver>();
            await app.RunAsync();
            return 0;
        }
        catch (Exception exception)
        {
            await error.WriteLineAsync($"error: {StartFailure.Describe(exception)}");
            return 1;
        }
    }

    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (configuration overrides, e.g. <c>--Urls=…</c>).</param>
    /// <param name="configure">Changes the builder before the app is built (tests: configuration, a clock).</param>
    /// <remarks>
    /// The content root is the working directory (<c>dotnet run --project samples/Swarm.Dashboard</c> runs in the project
    /// folder): <c>appsettings.json</c> is read from there, and relative file settings — the ledger, the peers file,
    /// rule-set documents — are relative to it, whatever the current directory is later.
    /// </remarks>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        string root = builder.Environment.ContentRootPath;
        // The generic host logs a failed start with its stack trace; RunAsync prints it as one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddScoring(scoring => scoring.AddSwarm());
        builder.Services.PostConfigure<LedgerOptions>(o => o.Path = StartFailure.InContentRoot(o.Path, root));
        builder.Services.PostConfigure<RuleSetFileOptions>(o => ResolveAll(o.Files, root));
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>>(new ConfigurationSectionValidator<DashboardOptions>(DashboardOptions.SectionName));
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart()
            .PostConfigure(o => o.PeersPath = StartFailure.InContentRoot(o.PeersPath, root)!);
        builder.Services.AddSingleton(provider => PeerRegistry.Open(provider.GetRequiredService<IOptions<DashboardOptions>>().Value.PeersPath));
        builder.Services.AddSingleton<ReportReceiver>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ReportReceiver>());
        configure?.Invoke(builder);
        builder.AddDashboardTelemetry();
        if (string.IsNullOrEmpty(builder.Configuration["Urls"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Page.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/config", (IOptionsMonitor<DashboardOptions> options) =>
            new PageConfig(options.CurrentValue.RefreshSeconds, options.CurrentValue.LeaderboardSize));
        app.MapPost("/peers", IssuePeer);
        app.MapPost("/reports", PostReports);
        app.MapGet("/api/leaderboard", GetLeaderboard);
        app.MapGet("/api/history", GetHistory);
        return app;
    }

    private static IResult IssuePeer(HttpContext context, PeerRequest request, PeerRegistry registry, IOptionsMonitor<DashboardOptions> options)
    {
        string? admin = options.CurrentValue.AdminToken;
        bool allowed = string.IsNullOrEmpty(admin)
            ? context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            : AdminBearerToken.Matches(context.Request.Headers.Authorization.ToString(), admin);
        if (!allowed)
            return Results.Unauthorized();
        try
        {
            var peer = registry.Issue(request.PeerId ?? "", request.Account ?? "");
            return Results.Ok(new PeerCredentials(peer.PeerId, peer.Account, peer.Secret));
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }

    private static async Task<IResult> PostReports(HttpContext context, PeerRegistry registry, ReportReceiver receiver)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        byte[] body = buffer.ToArray();

        if (!RequestSignature.TryParse(context.Request.Headers.Authorization.ToString(), out string peerId, out byte[] mac)
            || registry.Find(peerId) is not { } peer
            || !RequestSignature.Verify(peer.Secret, body, mac))
        {
            context.Response.Headers.WWWAuthenticate = RequestSignature.Scheme;
            return Results.Unauthorized();
        }

        byte[] lines = ReportBody.ToJsonLines(body, out string? bodyError);
        if (bodyError is not null)
            return Results.BadRequest(new ReportsResponse(0, 0, 0, 0, 0, [new LineError(0, "", bodyError)]));

        var (summary, refused) = await receiver.ReceiveAsync(peer, lines, context.RequestAborted);
        var response = new ReportsResponse(summary.Read, summary.Scored, summary.Duplicates, summary.Conflicts, summary.Late,
            refused.Where(r => r.Kind == RejectionKind.Rejected).Select(r => new LineError(r.Line, r.Field, r.Reason)).ToArray());
        // Nothing refused: 200. Some lines refused, others recorded now or before: 207. Nothing usable: 400.
        int status = refused.Count == 0 ? StatusCodes.Status200OK
            : summary.Scored + summary.Duplicates > 0 ? StatusCodes.Status207MultiStatus
            : StatusCodes.Status400BadRequest;
        return Results.Json(response, statusCode: status);
    }

    private static async Task<IResult> GetLeaderboard(ILedgerStore ledger, IOptionsMonitor<DashboardOptions> options,
        int? top, string? asOf, CancellationToken cancellationToken)
    {
        DateTimeOffset? at = null;
        if (!string.IsNullOrEmpty(asOf))
        {
            if (!TryParseTime(asOf, out var parsed))
                return Results.BadRequest(new { error = $"asOf '{asOf}' is neither unix seconds nor an ISO 8601 time." });
            at = parsed;
        }
        if (top is < 1 or > 10_000)
            return Results.BadRequest(new { error = $"top must be between 1 and 10000, not {top}." });
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

    /// <summary>A file setting as a full path: a relative one is relative to the content root.</summary>

    private static void ResolveAll(IList<string> paths, string root)
    {
        for (int i = 0; i < paths.Count; i++)
            paths[i] = StartFailure.InContentRoot(paths[i], root)!;
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
