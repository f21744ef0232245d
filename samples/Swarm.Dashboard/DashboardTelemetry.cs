using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scoring.Diagnostics;

namespace Swarm.Dashboard;

/// <summary>
/// OpenTelemetry for the dashboard, switched on by <c>Telemetry:Exporter</c> (<see cref="TelemetryOptions"/>): the SDK's
/// spans (<see cref="ScoringTelemetry.ActivitySourceName"/>) under ASP.NET Core's request spans, and the SDK's and
/// ASP.NET Core's metrics, exported to the console or over OTLP. With the default (<c>None</c>) nothing is registered.
/// </summary>
public static class DashboardTelemetry
{
    /// <summary>ASP.NET Core's request spans: the parents of the SDK's ingest spans of a <c>POST /reports</c>.</summary>
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    /// <summary>ASP.NET Core's request metrics (<c>http.server.request.duration</c>, …).</summary>
    private const string AspNetCoreMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>Registers OpenTelemetry when <c>Telemetry:Exporter</c> asks for it; call after all configuration sources are added.</summary>
    /// <param name="builder">The dashboard's builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A <c>Telemetry</c> setting is not valid (named in the message).</exception>
    public static WebApplicationBuilder AddDashboardTelemetry(this WebApplicationBuilder builder)
    {
        var options = TelemetryOptions.Read(builder.Configuration);
        if (options.Exporter == TelemetryExporter.None)
            return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing.AddSource(ScoringTelemetry.ActivitySourceName, AspNetCoreSource))
            .WithMetrics(metrics => metrics.AddMeter(ScoringTelemetry.MeterName, AspNetCoreMeter));
        if (options.Exporter == TelemetryExporter.Console)
        {
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddConsoleExporter());
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddConsoleExporter());
        }
        else if (options.OtlpEndpoint is { } endpoint)
            telemetry.UseOtlpExporter(options.OtlpProtocol, endpoint);
        else
            telemetry.UseOtlpExporter(); // the OTEL_EXPORTER_OTLP_* environment variables, else localhost:4317
        return builder;
    }
}
