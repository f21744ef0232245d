using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// <c>Telemetry:Exporter</c>: off by default; when on, the SDK's spans and metrics reach the configured OpenTelemetry
/// pipeline, observed here through an in-memory exporter added beside the configured one. Other tests' hosts run in
/// parallel in this process, so this test's spans are picked out by the trace id its request carries.
/// </summary>
public sealed class TelemetryTests
{
    private const long T0 = 1_767_225_600;

    [Fact]
    public async Task Telemetry_is_off_by_default()
    {
        await using var host = await DashboardHost.StartAsync();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_exporter_configured_a_report_post_emits_the_ingest_spans_and_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        string folder = DashboardHost.NewFolder();
        try
        {
            await using var app = DashboardApp.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(DashboardHost.Settings(folder, new Dictionary<string, string?> { ["Telemetry:Exporter"] = "Console" }));
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            });
            await app.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var peer = app.Services.GetRequiredService<PeerRegistry>().Register("p-a", "alice");

            var trace = ActivityTraceId.CreateRandom();
            using var request = DashboardHost.Signed(peer, string.Join("\n",
                DashboardHost.Report("a1", peer, T0, 1e15), DashboardHost.Report("a2", peer, T0 + 60, 1e15), "not json"));
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode); // recorded, with one line refused
            Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());
            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());

            List<Activity> ours;
            lock (spans)
                ours = spans.Where(s => s.TraceId == trace).ToList();
            var ingest = Assert.Single(ours, s => s.OperationName == "Scoring.IngestBatch");
            Assert.Equal("swarm", ingest.GetTagItem("scoring.scheme.name"));
            Assert.Equal("sqlite", ingest.GetTagItem("scoring.ledger.store"));
            Assert.Equal(3L, ingest.GetTagItem("scoring.batch.line_count"));
            Assert.Equal(2, ingest.GetTagItem("scoring.batch.accepted_count"));
            Assert.Equal(1, ingest.GetTagItem("scoring.batch.refused_count"));
            // the request's span (ASP.NET Core's, continuing the caller's trace) is the ingest span's parent
            var post = Assert.Single(ours, s => s.Source.Name == "Microsoft.AspNetCore");
            Assert.Equal(post.SpanId, ingest.ParentSpanId);
            Assert.Contains(ours, s => s.OperationName == "Scoring.Evaluate" && s.ParentSpanId == ingest.SpanId);
            Assert.Contains(ours, s => s.OperationName == "Scoring.LedgerAppend" && s.ParentSpanId == ingest.SpanId);

            // Metrics aggregate every host in the process: this post's lines are at least there, under their outcome.
            var reports = metrics.Single(m => m.Name == "scoring.ingestion.reports" && m.MeterName == "Scoring");
            Assert.Equal("{report}", reports.Unit);
            Assert.True(Sum(reports, "accepted") >= 2);
            Assert.True(Sum(reports, "rejected") >= 1);
            Assert.Contains(metrics, m => m.Name == "scoring.ingestion.batch.duration" && m.Unit == "s");
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_telemetry_setting_that_is_not_valid_names_itself_and_the_accepted_values()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Exporter"] = "Jaeger" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => TelemetryOptions.Read(configuration));
        Assert.Equal("Telemetry:Exporter is 'Jaeger'; use None, Console, Otlp.", error.Message);

        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Exporter"] = "1" }).Build();
        Assert.Throws<InvalidOperationException>(() => TelemetryOptions.Read(configuration));

        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Exporter"] = "otlp",
            ["Telemetry:OtlpEndpoint"] = "collector:4317",
        }).Build();
        error = Assert.Throws<InvalidOperationException>(() => TelemetryOptions.Read(configuration));
        Assert.StartsWith("Telemetry:OtlpEndpoint is 'collector:4317'", error.Message, StringComparison.Ordinal);

        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Exporter"] = "otlp",
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4318",
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
        }).Build();
        var options = TelemetryOptions.Read(configuration);
        Assert.Equal((TelemetryExporter.Otlp, new Uri("http://127.0.0.1:4318"), OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf),
            (options.Exporter, options.OtlpEndpoint, options.OtlpProtocol));
    }

    private static long Sum(Metric metric, string outcome)
    {
        long sum = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            bool matches = false;
            foreach (var tag in point.Tags)
                matches |= tag.Key == "scoring.report.outcome" && (string?)tag.Value == outcome;
            if (matches)
                sum += point.GetSumLong();
        }
        return sum;
    }
}
