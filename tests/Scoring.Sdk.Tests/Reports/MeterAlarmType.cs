using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>The <c>alarm</c> report type.</summary>
public sealed class MeterAlarmType : JsonReportType<MeterAlarm, MeterAlarmType.Wire>
{
    private MeterAlarmType()
        : base("alarm", MeterAlarmWireJsonContext.Default.Wire)
    {
    }

    /// <summary>The report type.</summary>
    public static MeterAlarmType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<MeterAlarm>("id", r => r.AlarmId),
        ReportField.String<MeterAlarm>("meterId", r => r.MeterId),
        ReportField.String<MeterAlarm>("code", r => r.Code),
    ];

    /// <inheritdoc />
    protected override MeterAlarm? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.Text(line.Id, "id");
        var meter = check.Text(line.MeterId, "meterId");
        var code = check.Text(line.Code, "code");
        return check.Failed ? null : new MeterAlarm(id, meter, code);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, MeterAlarm report)
    {
        writer.WriteString("id"u8, report.AlarmId);
        writer.WriteString("meterId"u8, report.MeterId);
        writer.WriteString("code"u8, report.Code);
    }

    /// <summary>The wire shape.</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>id</c></summary>
        public string? Id { get; set; }

        /// <summary><c>meterId</c></summary>
        public string? MeterId { get; set; }

        /// <summary><c>code</c></summary>
        public string? Code { get; set; }
    }
}

/// <summary>Source-generated metadata of the <c>alarm</c> wire shape.</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(MeterAlarmType.Wire))]
internal sealed partial class MeterAlarmWireJsonContext : JsonSerializerContext;
