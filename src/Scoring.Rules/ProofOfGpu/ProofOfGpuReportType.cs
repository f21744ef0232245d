using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>The <c>pog</c> report type: decoding, validation and writing of <see cref="ProofOfGpuReport"/> (docs/formats.md).</summary>
public sealed class ProofOfGpuReportType : JsonReportType<ProofOfGpuReport, ProofOfGpuReportType.Wire>
{
    /// <summary>The <c>type</c> value.</summary>
    public const string TypeName = "pog";

    /// <summary>The largest subnet uid (uids are unsigned 16-bit numbers).</summary>
    public const int MaxUid = 65_535;

    /// <summary>The largest GPU count of one miner.</summary>
    public const int MaxGpuCount = 1_024;

    private ProofOfGpuReportType()
        : base(TypeName, ProofOfGpuWireJsonContext.Default.Wire)
    {
    }

    /// <summary>The report type.</summary>
    public static ProofOfGpuReportType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<ProofOfGpuReport>("id", r => r.ReportId),
        ReportField.Int<ProofOfGpuReport>("uid", r => r.Uid),
        ReportField.String<ProofOfGpuReport>("hotkey", r => r.Hotkey),
        ReportField.String<ProofOfGpuReport>("gpuName", r => r.GpuName),
        ReportField.Int<ProofOfGpuReport>("gpuCount", r => r.GpuCount),
        ReportField.Bool<ProofOfGpuReport>("queryable", r => r.Queryable),
        ReportField.Bool<ProofOfGpuReport>("penalized", r => r.Penalized),
        ReportField.Bool<ProofOfGpuReport>("allocated", r => r.Allocated),
        ReportField.String<ProofOfGpuReport>("source", r => SourceName(r.Source)),
        ReportField.Double<ProofOfGpuReport>("score", r => r.Score ?? double.NaN),
        ReportField.Double<ProofOfGpuReport>("timestamp", r => r.Timestamp ?? double.NaN),
    ];

    /// <summary>The wire value of a source: <c>local</c> or <c>external</c>.</summary>
    public static string SourceName(ProofOfGpuSource source) => source == ProofOfGpuSource.External ? "external" : "local";

    /// <inheritdoc />
    protected override ProofOfGpuReport? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.OptionalText(line.Id, "id");
        var uid = check.WholeNumber(line.Uid, "uid", 0, MaxUid);
        var hotkey = check.Text(line.Hotkey, "hotkey");
        var gpuName = check.Text(line.GpuName, "gpuName");
        var gpuCount = check.WholeNumber(line.GpuCount, "gpuCount", 0, MaxGpuCount);
        var queryable = check.Flag(line.Queryable, "queryable");
        var penalized = check.Flag(line.Penalized, "penalized");
        var allocated = check.Flag(line.Allocated, "allocated");
        var source = line.Source switch
        {
            null or "local" => ProofOfGpuSource.Local,
            "external" => ProofOfGpuSource.External,
            _ => check.Fail("source", $"must be \"local\" or \"external\", got {ReportFieldCheck.Quote(line.Source)}", ProofOfGpuSource.Local),
        };
        double? score = null;
        if (source == ProofOfGpuSource.External)
        {
            score = double.IsNaN(line.Score)
                ? check.Fail<double?>("score", "is required when source is \"external\" (the other validator's score, 0 to 1)", null)
                : check.Range(line.Score, "score", 0, 1);
        }
        else if (!double.IsNaN(line.Score))
        {
            check.Fail("score", "is only allowed when source is \"external\"");
        }
        double? timestamp = check.OptionalTimestamp(line.Timestamp, "timestamp");
        if (id is null && !check.Failed && ProofOfGpuReport.DeriveId(uid, hotkey, source, timestamp).Length > ReportLimits.MaxStringLength)
            check.Fail("hotkey", $"is too long to derive the report id {{uid}}/{{hotkey}}/{{source}}@{{timestamp}} from (over {ReportLimits.MaxStringLength} characters); send an explicit id");
        return check.Failed
            ? null
            : new ProofOfGpuReport(id ?? ProofOfGpuReport.DeriveId(uid, hotkey, source, timestamp), uid, hotkey, gpuName, gpuCount, queryable, penalized, allocated, source, score, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, ProofOfGpuReport report)
    {
        if (report.ReportId != ProofOfGpuReport.DeriveId(report.Uid, report.Hotkey, report.Source, report.Timestamp))
            writer.WriteString("id"u8, report.ReportId);
        writer.WriteNumber("uid"u8, report.Uid);
        writer.WriteString("hotkey"u8, report.Hotkey);
        writer.WriteString("gpuName"u8, report.GpuName);
        writer.WriteNumber("gpuCount"u8, report.GpuCount);
        writer.WriteBoolean("queryable"u8, report.Queryable);
        writer.WriteBoolean("penalized"u8, report.Penalized);
        writer.WriteBoolean("allocated"u8, report.Allocated);
        writer.WriteString("source"u8, SourceName(report.Source));
        if (report.Score is { } score)
            writer.WriteNumber("score"u8, score);
        if (report.Timestamp is { } timestamp)
            writer.WriteNumber("timestamp"u8, timestamp);
    }

    /// <summary>The wire shape of a <c>pog</c> line (numbers NaN when absent).</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>id</c></summary>
        public string? Id { get; set; }

        /// <summary><c>uid</c></summary>
        public double Uid { get; set; } = double.NaN;

        /// <summary><c>hotkey</c></summary>
        public string? Hotkey { get; set; }

        /// <summary><c>gpuName</c></summary>
        public string? GpuName { get; set; }

        /// <summary><c>gpuCount</c></summary>
        public double GpuCount { get; set; } = double.NaN;

        /// <summary><c>queryable</c></summary>
        public bool? Queryable { get; set; }

        /// <summary><c>penalized</c></summary>
        public bool? Penalized { get; set; }

        /// <summary><c>allocated</c></summary>
        public bool? Allocated { get; set; }

        /// <summary><c>source</c></summary>
        public string? Source { get; set; }

        /// <summary><c>score</c></summary>
        public double Score { get; set; } = double.NaN;

        /// <summary><c>timestamp</c></summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}

/// <summary>Source-generated metadata of the <c>pog</c> wire shape (no reflection; a field may appear once).</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ProofOfGpuReportType.Wire))]
internal sealed partial class ProofOfGpuWireJsonContext : JsonSerializerContext;
