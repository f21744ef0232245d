using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;
using Scoring.Reports.Columns;

namespace Scoring.Rules.Jobs;

/// <summary>The <c>image</c> report type: decoding, validation and writing of <see cref="ImageJobReport"/> (docs/formats.md).</summary>
public sealed class ImageJobReportType : JsonReportType<ImageJobReport, ImageJobReportType.Wire>, IColumnarReportType
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
        Check(ref check, line.JobId, line.MinerId, line.Wallet, line.Category, line.Width, line.Height, line.Steps, line.GpuVramGb, line.LatencySeconds, line.Timestamp);
        return check.Failed
            ? null
            : new ImageJobReport(line.JobId!, line.MinerId!, line.Wallet!, line.Category!, (int)line.Width, (int)line.Height, (int)line.Steps, line.GpuVramGb, line.LatencySeconds, line.Timestamp);
    }

    /// <inheritdoc />
    void IColumnarReportType.Check(ref ReportFieldCheck check, in ReportFieldValues values) =>
        Check(ref check, values.Text(0), values.Text(1), values.Text(2), values.Text(3), values.Number(4), values.Number(5), values.Number(6), values.Number(7), values.Number(8), values.Number(9));

    /// <inheritdoc />
    string IColumnarReportType.ReportId(ReportBlock block, int row) => JobWire.ReportId(this, block, row);

    /// <inheritdoc />
    Report IColumnarReportType.ToReport(ReportBlock block, int row)
    {
        var columns = block.Columns(this);
        var names = block.Names;
        return new ImageJobReport(names.GetString(columns.Names(0)[row]), names.GetString(columns.Names(1)[row]), names.GetString(columns.Names(2)[row]),
            names.GetString(columns.Names(3)[row]), (int)columns.Ints(4)[row], (int)columns.Ints(5)[row], (int)columns.Ints(6)[row],
            columns.Doubles(7)[row], columns.Doubles(8)[row], columns.Doubles(9)[row]);
    }

    /// <summary>Every rule of an <c>image</c> line over its values as read (numbers NaN when absent): one definition for both decoders.</summary>
    private static void Check(ref ReportFieldCheck check, ReportText jobId, ReportText minerId, ReportText wallet, ReportText category,
        double width, double height, double steps, double gpuVramGb, double latencySeconds, double timestamp)
    {
        JobWire.CheckHead(ref check, jobId, minerId, wallet);
        check.Text(category, "category");
        check.WholeNumber(width, "width", 1, MaxSide);
        check.WholeNumber(height, "height", 1, MaxSide);
        check.WholeNumber(steps, "steps", 1, MaxSteps);
        JobWire.CheckTail(ref check, gpuVramGb, latencySeconds, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, ImageJobReport report)
    {
        JobWire.WriteHead(writer, report.JobId, report.MinerId, report.Wallet);
        writer.WriteString("category"u8, report.Category);
        writer.WriteNumber("width"u8, report.Width);
        writer.WriteNumber("height"u8, report.Height);
        writer.WriteNumber("steps"u8, report.Steps);
        JobWire.WriteTail(writer, report.GpuVramGb, report.LatencySeconds, report.Timestamp);
    }

    /// <summary>The wire shape of an <c>image</c> line (numbers NaN when absent).</summary>
    public sealed class Wire : JobWire
    {
        /// <summary><c>category</c></summary>
        public string? Category { get; set; }

        /// <summary><c>width</c></summary>
        public double Width { get; set; } = double.NaN;

        /// <summary><c>height</c></summary>
        public double Height { get; set; } = double.NaN;

        /// <summary><c>steps</c></summary>
        public double Steps { get; set; } = double.NaN;
    }
}
