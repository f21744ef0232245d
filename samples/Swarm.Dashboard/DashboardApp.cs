using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Ledger;
using Scoring.RuleSets;
using Swarm.Dashboard.Security;

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
    /// folder): <c>appsettings.json</c> is read from there, and relative file settings — the ledger, the peers file, the
    /// key ring, the admin token, rule-set documents — are relative to it, whatever the current directory is later.
    /// </remarks>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = SettingsFiles.CreateBuilder(args);
        string root = builder.Environment.ContentRootPath;
        // The generic host logs a failed start with its stack trace; RunAsync prints it as one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddScoring(scoring => scoring.AddSqliteLedger().AddPostgresLedger().AddSwarm());
        builder.Services.PostConfigure<LedgerOptions>(o => o.Path = StartFailure.InContentRoot(o.Path, root));
        builder.Services.PostConfigure<RuleSetFileOptions>(o => ResolveAll(o.Files, root));
        builder.Services.AddDashboardOptions(root);
        builder.Services.AddDashboardSecurity();
        builder.Services.AddDashboardRateLimits();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<LedgerStoreHealthCheck>("ledger", timeout: TimeSpan.FromSeconds(10));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer<OpenApiDescription>());
        builder.Services.AddSingleton<BodyBuffer>();
        builder.Services.AddSingleton<ReportReceiver>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ReportReceiver>());
        configure?.Invoke(builder);
        builder.AddDashboardTelemetry();
        if (string.IsNullOrEmpty(builder.Configuration["Urls"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var app = builder.Build();
        // Every error is a problem document (RFC 9457); an unhandled exception is a 500 without its stack trace.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The rate limiter sits between the two so that it can count a signed request against its peer, and an
        // unsigned one against its address, before authorization refuses it.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapLeaderboard();
        app.MapReports();
        app.MapPeers();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapOpenApi();
        return app;
    }

    /// <summary>
    /// The <c>Dashboard</c> section, validated at start with full-key messages; its file settings made absolute against
    /// the content root. Kestrel's own body limit is the largest <see cref="DashboardOptions.MaxBodyBytes"/> allowed
    /// (<see cref="BodyBuffer"/> sets each signed request's limit; no other body is read before authorization).
    /// </summary>
    private static void AddDashboardOptions(this IServiceCollection services, string root)
    {
        services.AddSingleton<IValidateOptions<DashboardOptions>>(new ConfigurationSectionValidator<DashboardOptions>(DashboardOptions.SectionName));
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart()
            // A setting of an earlier version that would otherwise be ignored in silence: the open door it configured is gone.
            .Validate<IConfiguration>((_, configuration) => configuration[$"{DashboardOptions.SectionName}:AdminToken"] is null,
                $"{DashboardOptions.SectionName}:AdminToken: is no longer read. The admin credential is created at the first start in Dashboard:AdminTokenPath (the server keeps only its hash); rotate it with 'rotate-admin-token'.")
            .PostConfigure(o =>
            {
                o.PeersPath = StartFailure.InContentRoot(o.PeersPath, root)!;
                o.KeysPath = StartFailure.InContentRoot(o.KeysPath, root)!;
                o.AdminTokenPath = StartFailure.InContentRoot(o.AdminTokenPath, root)!;
            });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = DashboardOptions.MaxBodyBytesLimit);
    }

    private static void ResolveAll(IList<string> paths, string root)
    {
        for (int i = 0; i < paths.Count; i++)
            paths[i] = StartFailure.InContentRoot(paths[i], root)!;
    }
}
