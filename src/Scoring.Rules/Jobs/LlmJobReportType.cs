using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Rules.Jobs;

/// <summary>The <c>llm</c> report type: decoding, validation and writing of <see cref="LlmJobReport"/> (docs/formats.md).</summary>
public sealed class LlmJobReportType : JsonReportType<LlmJobReport, LlmJobReportType.Wire>
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
        var jobId = check.Text(line.JobId, "jobId");
        var minerId = check.Text(line.MinerId, "minerId");
        var wallet = check.Text(line.Wallet, "wallet");
        var model = check.Text(line.Model, "model");
        var input = check.WholeNumber(line.InputTokens, "inputTokens", 0, MaxTokens);
        var output = check.WholeNumber(line.OutputTokens, "outputTokens", 0, MaxTokens);
        var vram = check.Positive(line.GpuVramGb, "gpuVramGb", JobLimits.MaxGpuVramGb);
        var latency = check.Range(line.LatencySeconds, "latencySeconds", 0, JobLimits.MaxLatencySeconds);
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        return check.Failed ? null : new LlmJobReport(jobId, minerId, wallet, model, input, output, vram, latency, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, LlmJobReport report)
    {
        writer.WriteString("jobId"u8, report.JobId);
        writer.WriteString("minerId"u8, report.MinerId);
        writer.WriteString("wallet"u8, report.Wallet);
        writer.WriteString("model"u8, report.Model);
        writer.WriteNumber("inputTokens"u8, report.InputTokens);
        writer.WriteNumber("outputTokens"u8, report.OutputTokens);
        writer.WriteNumber("gpuVramGb"u8, report.GpuVramGb);
        writer.WriteNumber("latencySeconds"u8, report.LatencySeconds);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The wire shape of an <c>llm</c> line (numbers NaN when absent).</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>jobId</c></summary>
        public string? JobId { get; set; }

        /// <summary><c>minerId</c></summary>
        public string? MinerId { get; set; }

        /// <summary><c>wallet</c></summary>
        public string? Wallet { get; set; }

        /// <summary><c>model</c></summary>
        public string? Model { get; set; }

        /// <summary><c>inputTokens</c></summary>
        public double InputTokens { get; set; } = double.NaN;

        /// <summary><c>outputTokens</c></summary>
        public double OutputTokens { get; set; } = double.NaN;

        /// <summary><c>gpuVramGb</c></summary>
        public double GpuVramGb { get; set; } = double.NaN;

        /// <summary><c>latencySeconds</c></summary>
        public double LatencySeconds { get; set; } = double.NaN;

        /// <summary><c>timestamp</c></summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}
