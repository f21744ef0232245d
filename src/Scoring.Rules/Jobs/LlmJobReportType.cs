using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;
using Scoring.Reports.Columns;

namespace Scoring.Rules.Jobs;

/// <summary>The <c>llm</c> report type: decoding, validation and writing of <see cref="LlmJobReport"/> (docs/formats.md).</summary>
public sealed class LlmJobReportType : JsonReportType<LlmJobReport, LlmJobReportType.Wire>, IColumnarReportType
{
    /// <summary>The <c>type</c> value.</summary>
    public const string TypeName = "llm";

    /// <summary>The largest input or output token count of one LLM job.</summary>
    public const int MaxTokens = 10_000_000;

    private LlmJobReportType()
        : base(TypeName, JobsWireJsonContext.Default.LlmJobReportTypeWire)
    {
    }

    /// <summary>The report type.</summary>
    public static LlmJobReportType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<LlmJobReport>("jobId", r => r.JobId),
        ReportField.String<LlmJobReport>("minerId", r => r.MinerId),
        ReportField.String<LlmJobReport>("wallet", r => r.Wallet),
        ReportField.String<LlmJobReport>("model", r => r.Model),
        ReportField.Int<LlmJobReport>("inputTokens", r => r.InputTokens),
        ReportField.Int<LlmJobReport>("outputTokens", r => r.OutputTokens),
        ReportField.Double<LlmJobReport>("gpuVramGb", r => r.GpuVramGb),
        ReportField.Double<LlmJobReport>("latencySeconds", r => r.LatencySeconds),
        ReportField.Double<LlmJobReport>("timestamp", r => r.Timestamp),
    ];

    /// <inheritdoc />
    protected override LlmJobReport? FromWire(Wire line, ref ReportFieldCheck check)
    {
        Check(ref check, line.JobId, line.MinerId, line.Wallet, line.Model, line.InputTokens, line.OutputTokens, line.GpuVramGb, line.LatencySeconds, line.Timestamp);
        return check.Failed
            ? null
            : new LlmJobReport(line.JobId!, line.MinerId!, line.Wallet!, line.Model!, (int)line.InputTokens, (int)line.OutputTokens, line.GpuVramGb, line.LatencySeconds, line.Timestamp);
    }

    /// <inheritdoc />
    void IColumnarReportType.Check(ref ReportFieldCheck check, in ReportFieldValues values) =>
        Check(ref check, values.Text(0), values.Text(1), values.Text(2), values.Text(3), values.Number(4), values.Number(5), values.Number(6), values.Number(7), values.Number(8));

    /// <inheritdoc />
    string IColumnarReportType.ReportId(ReportBlock block, int row) => JobWire.ReportId(this, block, row);

    /// <inheritdoc />
    Report IColumnarReportType.ToReport(ReportBlock block, int row)
    {
        var columns = block.Columns(this);
        var names = block.Names;
        return new LlmJobReport(names.GetString(columns.Names(0)[row]), names.GetString(columns.Names(1)[row]), names.GetString(columns.Names(2)[row]),
            names.GetString(columns.Names(3)[row]), (int)columns.Ints(4)[row], (int)columns.Ints(5)[row],
            columns.Doubles(6)[row], columns.Doubles(7)[row], columns.Doubles(8)[row]);
    }

    /// <summary>Every rule of an <c>llm</c> line over its values as read (numbers NaN when absent): one definition for both decoders.</summary>
    private static void Check(ref ReportFieldCheck check, ReportText jobId, ReportText minerId, ReportText wallet, ReportText model,
        double inputTokens, double outputTokens, double gpuVramGb, double latencySeconds, double timestamp)
    {
        JobWire.CheckHead(ref check, jobId, minerId, wallet);
        check.Text(model, "model");
        check.WholeNumber(inputTokens, "inputTokens", 0, MaxTokens);
        check.WholeNumber(outputTokens, "outputTokens", 0, MaxTokens);
        JobWire.CheckTail(ref check, gpuVramGb, latencySeconds, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, LlmJobReport report)
    {
        JobWire.WriteHead(writer, report.JobId, report.MinerId, report.Wallet);
        writer.WriteString("model"u8, report.Model);
        writer.WriteNumber("inputTokens"u8, report.InputTokens);
        writer.WriteNumber("outputTokens"u8, report.OutputTokens);
        JobWire.WriteTail(writer, report.GpuVramGb, report.LatencySeconds, report.Timestamp);
    }

    /// <summary>The wire shape of an <c>llm</c> line (numbers NaN when absent).</summary>
    public sealed class Wire : JobWire
    {
        /// <summary><c>model</c></summary>
        public string? Model { get; set; }

        /// <summary><c>inputTokens</c></summary>
        public double InputTokens { get; set; } = double.NaN;

        /// <summary><c>outputTokens</c></summary>
        public double OutputTokens { get; set; } = double.NaN;
    }
}
