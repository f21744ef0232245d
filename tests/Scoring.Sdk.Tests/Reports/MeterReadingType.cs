using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>The <c>meter</c> report type: what a scheme package writes for each report type it owns.</summary>
public sealed class MeterReadingType : JsonReportType<MeterReading, MeterReadingType.Wire>
{
    private MeterReadingType()
        : base("meter", MeterWireJsonContext.Default.Wire)
    {
    }

    /// <summary>The report type.</summary>
    public static MeterReadingType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<MeterReading>("id", r => r.ReadingId),
        ReportField.String<MeterReading>("meterId", r => r.MeterId),
        ReportField.String<MeterReading>("account", r => r.Account),
        ReportField.Double<MeterReading>("kwh", r => r.Kwh),
        ReportField.Int<MeterReading>("pulses", r => r.Pulses),
        ReportField.Double<MeterReading>("timestamp", r => r.Timestamp),
    ];

    /// <inheritdoc />
    protected override MeterReading? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.Text(line.Id, "id");
        var meter = check.Text(line.MeterId, "meterId");
        var account = check.Text(line.Account, "account");
        var kwh = check.Range(line.Kwh, "kwh", 0, 1e6);
        var pulses = check.WholeNumber(line.Pulses, "pulses", 0, 1_000_000);
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        return check.Failed ? null : new MeterReading(id, meter, account, kwh, pulses, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, MeterReading report)
    {
        writer.WriteString("id"u8, report.ReadingId);
        writer.WriteString("meterId"u8, report.MeterId);
        writer.WriteString("account"u8, report.Account);
        writer.WriteNumber("kwh"u8, report.Kwh);
        writer.WriteNumber("pulses"u8, report.Pulses);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The wire shape: every field optional, numbers NaN when absent.</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>id</c></summary>
        public string? Id { get; set; }

        /// <summary><c>meterId</c></summary>
        public string? MeterId { get; set; }

        /// <summary><c>account</c></summary>
        public string? Account { get; set; }

        /// <summary><c>kwh</c></summary>
        public double Kwh { get; set; } = double.NaN;

        /// <summary><c>pulses</c></summary>
        public double Pulses { get; set; } = double.NaN;

        /// <summary><c>timestamp</c></summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}

/// <summary>Source-generated metadata of the <c>meter</c> wire shape.</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(MeterReadingType.Wire))]
internal sealed partial class MeterWireJsonContext : JsonSerializerContext;
