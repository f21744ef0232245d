using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Rules.Jobs;

/// <summary>The <c>image</c> report type: decoding, validation and writing of <see cref="ImageJobReport"/> (docs/formats.md).</summary>
public sealed class ImageJobReportType : JsonReportType<ImageJobReport, ImageJobReportType.Wire>
{
    /// <summary>The <c>type</c> value.</summary>
    public const string TypeName = "image";

    /// <summary>The largest image width or height, in pixels.</summary>
    public const int MaxSide = 16_384;

    /// <summary>The largest number of diffusion steps.</summary>
    public const int MaxSteps = 1_000;

    private ImageJobReportType()
        : base(TypeName, JobsWireJsonContext.Default.ImageJobReportTypeWire)
    {
    }

    /// <summary>The report type.</summary>
    public static ImageJobReportType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<ImageJobReport>("jobId", r => r.JobId),
        ReportField.String<ImageJobReport>("minerId", r => r.MinerId),
        ReportField.String<ImageJobReport>("wallet", r => r.Wallet),
        ReportField.String<ImageJobReport>("category", r => r.Category),
        ReportField.Int<ImageJobReport>("width", r => r.Width),
        ReportField.Int<ImageJobReport>("height", r => r.Height),
        ReportField.Int<ImageJobReport>("steps", r => r.Steps),
        ReportField.Double<ImageJobReport>("gpuVramGb", r => r.GpuVramGb),
        ReportField.Double<ImageJobReport>("latencySeconds", r => r.LatencySeconds),
        ReportField.Double<ImageJobReport>("timestamp", r => r.Timestamp),
    ];

    /// <inheritdoc />
    protected override ImageJobReport? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var jobId = check.Text(line.JobId, "jobId");
        var minerId = check.Text(line.MinerId, "minerId");
        var wallet = check.Text(line.Wallet, "wallet");
        var category = check.Text(line.Category, "category");
        var width = check.WholeNumber(line.Width, "width", 1, MaxSide);
        var height = check.WholeNumber(line.Height, "height", 1, MaxSide);
        var steps = check.WholeNumber(line.Steps, "steps", 1, MaxSteps);
        var vram = check.Positive(line.GpuVramGb, "gpuVramGb", JobLimits.MaxGpuVramGb);
        var latency = check.Range(line.LatencySeconds, "latencySeconds", 0, JobLimits.MaxLatencySeconds);
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        return check.Failed ? null : new ImageJobReport(jobId, minerId, wallet, category, width, height, steps, vram, latency, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, ImageJobReport report)
    {
        writer.WriteString("jobId"u8, report.JobId);
        writer.WriteString("minerId"u8, report.MinerId);
        writer.WriteString("wallet"u8, report.Wallet);
        writer.WriteString("category"u8, report.Category);
        writer.WriteNumber("width"u8, report.Width);
        writer.WriteNumber("height"u8, report.Height);
        writer.WriteNumber("steps"u8, report.Steps);
        writer.WriteNumber("gpuVramGb"u8, report.GpuVramGb);
        writer.WriteNumber("latencySeconds"u8, report.LatencySeconds);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The wire shape of an <c>image</c> line (numbers NaN when absent).</summary>
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

        /// <summary><c>category</c></summary>
        public string? Category { get; set; }

        /// <summary><c>width</c></summary>
        public double Width { get; set; } = double.NaN;

        /// <summary><c>height</c></summary>
        public double Height { get; set; } = double.NaN;

        /// <summary><c>steps</c></summary>
        public double Steps { get; set; } = double.NaN;

        /// <summary><c>gpuVramGb</c></summary>
        public double GpuVramGb { get; set; } = double.NaN;

        /// <summary><c>latencySeconds</c></summary>
        public double LatencySeconds { get; set; } = double.NaN;

        /// <summary><c>timestamp</c></summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}
