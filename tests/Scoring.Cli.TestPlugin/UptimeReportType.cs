using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Cli.TestPlugin;

/// <summary>The <c>uptime</c> report type: <c>{"type":"uptime","id":…,"node":…,"account":…,"seconds":…,"timestamp":…}</c>.</summary>
public sealed class UptimeReportType : JsonReportType<UptimeReport, UptimeReportType.Wire>
{
    private UptimeReportType()
        : base("uptime", UptimeWireJsonContext.Default.Wire)
    {
    }

    /// <summary>The report type.</summary>
    public static UptimeReportType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<UptimeReport>("id", r => r.ReportId),
        ReportField.String<UptimeReport>("node", r => r.Node),
        ReportField.String<UptimeReport>("account", r => r.Account),
        ReportField.Double<UptimeReport>("seconds", r => r.Seconds),
        ReportField.Double<UptimeReport>("timestamp", r => r.Timestamp),
    ];

    /// <inheritdoc />
    protected override UptimeReport? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.Text(line.Id, "id");
        var node = check.Text(line.Node, "node");
        var account = check.Text(line.Account, "account");
        var seconds = check.Range(line.Seconds, "seconds", 0, 86_400);
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        return check.Failed ? null : new UptimeReport(id, node, account, seconds, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, UptimeReport report)
    {
        writer.WriteString("id"u8, report.ReportId);
        writer.WriteString("node"u8, report.Node);
        writer.WriteString("account"u8, report.Account);
        writer.WriteNumber("seconds"u8, report.Seconds);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The wire shape (numbers NaN when absent).</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>id</c></summary>
        public string? Id { get; set; }

        /// <summary><c>node</c></summary>
        public string? Node { get; set; }

        /// <summary><c>account</c></summary>
        public string? Account { get; set; }

        /// <summary><c>seconds</c></summary>
        public double Seconds { get; set; } = double.NaN;

        /// <summary><c>timestamp</c></summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}

/// <summary>Source-generated metadata of the <c>uptime</c> wire shape.</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(UptimeReportType.Wire))]
internal sealed partial class UptimeWireJsonContext : JsonSerializerContext;
