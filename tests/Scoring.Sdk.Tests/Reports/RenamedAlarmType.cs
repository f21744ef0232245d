using System.Text.Json;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>The <c>alarm</c> wire shape under any name: how the tests build a second type with a clashing or invalid name.</summary>
internal sealed class RenamedAlarmType(string name) : JsonReportType<MeterAlarm, MeterAlarmType.Wire>(name, MeterAlarmWireJsonContext.Default.Wire)
{
    public override IReadOnlyList<ReportField> Fields => MeterAlarmType.Instance.Fields;

    protected override MeterAlarm? FromWire(MeterAlarmType.Wire line, ref ReportFieldCheck check)
    {
        var id = check.Text(line.Id, "id");
        var meter = check.Text(line.MeterId, "meterId");
        var code = check.Text(line.Code, "code");
        return check.Failed ? null : new MeterAlarm(id, meter, code);
    }

    protected override void WriteFields(Utf8JsonWriter writer, MeterAlarm report) => writer.WriteString("id"u8, report.AlarmId);
}
