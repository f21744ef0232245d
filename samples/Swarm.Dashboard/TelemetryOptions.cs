using OpenTelemetry.Exporter;

namespace Swarm.Dashboard;

/// <summary>
/// The <c>Telemetry</c> section: where the dashboard exports the SDK's spans and metrics. Off by default; read once
/// when the host is built, because it decides which services exist.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section: <c>Telemetry</c>.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Where to export: nowhere (the default), the console, or an OTLP collector.</summary>
    public TelemetryExporter Exporter { get; init; }

    /// <summary>
    /// The collector's base address for <see cref="TelemetryExporter.Otlp"/>; null keeps the OpenTelemetry default
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else <c>http://localhost:4317</c>).
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The OTLP transport: <c>Grpc</c> (the default, port 4317) or <c>HttpProtobuf</c> (port 4318).</summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// Reads the section, failing with the setting's name and the accepted values (the host prints the message as one
    /// line and exits 1) instead of a binder's type names.
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <exception cref="InvalidOperationException">A value is not one of those accepted.</exception>
    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        string? endpoint = section[nameof(OtlpEndpoint)];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            throw new InvalidOperationException($"{SectionName}:{nameof(OtlpEndpoint)} is '{endpoint}'; use an http:// or https:// address such as http://127.0.0.1:4317.");
        return new TelemetryOptions
        {
            Exporter = Choice(section, nameof(Exporter), TelemetryExporter.None),
            OtlpEndpoint = uri,
            OtlpProtocol = Choice(section, nameof(OtlpProtocol), OtlpExportProtocol.Grpc),
        };
    }

    private static T Choice<T>(IConfigurationSection section, string key, T fallback) where T : struct, Enum
    {
        string? value = section[key];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        // names only: Enum.TryParse also takes numbers, which would select an exporter by position
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
                return Enum.Parse<T>(name);
        }
        throw new InvalidOperationException($"{SectionName}:{key} is '{value}'; use {string.Join(", ", Enum.GetNames<T>())}.");
    }
}

/// <summary>Where the dashboard exports telemetry (<c>Telemetry:Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>No export (the default): the SDK's instruments cost one check each.</summary>
    None,

    /// <summary>Spans and metrics printed to standard output, for a look on a developer's machine.</summary>
    Console,

    /// <summary>Spans and metrics sent over OTLP to a collector (Jaeger, Prometheus via the collector, Aspire's dashboard…).</summary>
    Otlp,
}
