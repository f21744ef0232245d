using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Scoring.Rules.Swarm;

/// <summary>The <c>swarm</c> report type: decoding, validation and writing of <see cref="SwarmPeerReport"/> (docs/formats.md).</summary>
public sealed class SwarmReportType : JsonReportType<SwarmPeerReport, SwarmReportType.Wire>
{
    /// <summary>The <c>type</c> value.</summary>
    public const string TypeName = "swarm";

    /// <summary>
    /// The largest FLOP count a report may carry (cumulative or since the last report): 10^27, what the swarm accrual
    /// counts (<see cref="SwarmReport.MaxFlops"/>). FLOP counts are whole numbers.
    /// </summary>
    public const double MaxFlops = SwarmReport.MaxFlops;

    private SwarmReportType()
        : base(TypeName, SwarmWireJsonContext.Default.Wire)
    {
    }

    /// <summary>The report type.</summary>
    public static SwarmReportType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<SwarmPeerReport>("id", r => r.ReportId),
        ReportField.String<SwarmPeerReport>("peerId", r => r.PeerId),
        ReportField.String<SwarmPeerReport>("account", r => r.Account),
        ReportField.Double<SwarmPeerReport>("cumulativeFlops", r => r.CumulativeFlops ?? double.NaN),
        ReportField.Double<SwarmPeerReport>("flopsSinceLast", r => r.FlopsSinceLast ?? double.NaN),
        ReportField.Double<SwarmPeerReport>("timestamp", r => r.Timestamp),
    ];

    /// <inheritdoc />
    protected override SwarmPeerReport? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.OptionalText(line.Id, "id");
        var peerId = check.Text(line.PeerId, "peerId");
        var account = check.Text(line.Account, "account");
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        var cumulative = Flops(ref check, line.CumulativeFlops, "cumulativeFlops");
        var sinceLast = Flops(ref check, line.FlopsSinceLast, "flopsSinceLast");
        if (double.IsNaN(line.CumulativeFlops) && double.IsNaN(line.FlopsSinceLast))
            check.Fail("cumulativeFlops", "is required unless flopsSinceLast is given (a report needs at least one of the two)");
        if (id is null && !check.Failed && SwarmPeerReport.DeriveId(peerId, timestamp).Length > ReportLimits.MaxStringLength)
            check.Fail("peerId", $"is too long to derive the report id {{peerId}}@{{timestamp}} from (over {ReportLimits.MaxStringLength} characters); send an explicit id");
        return check.Failed
            ? null
            : new SwarmPeerReport(id ?? SwarmPeerReport.DeriveId(peerId, timestamp), peerId, account, timestamp, cumulative, sinceLast);
    }

    /// <summary>An optional FLOP count: a whole number from 0 to <see cref="MaxFlops"/> (too large for a long: checked as a double).</summary>
    private static double? Flops(ref ReportFieldCheck check, double value, string field)
    {
        if (double.IsFinite(value) && Math.Floor(value) != value)
            return check.Fail<double?>(field, $"must be a whole number of FLOPs, got {ReportFieldCheck.Format(value)}", null);
        return check.OptionalRange(value, field, 0, MaxFlops);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, SwarmPeerReport report)
    {
        // The id is left out when it is the derived one: shorter lines, the same report.
        if (report.ReportId != SwarmPeerReport.DeriveId(report.PeerId, report.Timestamp))
            writer.WriteString("id"u8, report.ReportId);
        writer.WriteString("peerId"u8, report.PeerId);
        writer.WriteString("account"u8, report.Account);
        if (report.CumulativeFlops is { } cumulative)
            writer.WriteNumber("cumulativeFlops"u8, cumulative);
        if (report.FlopsSinceLast is { } sinceLast)
            writer.WriteNumber("flopsSinceLast"u8, sinceLast);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The wire shape of a <c>swarm</c> line: every field optional (numbers NaN when absent) so validation can name the missing one.</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>id</c></summary>
        public string? Id { get; set; }

        /// <summary><c>peerId</c></summary>
        public string? PeerId { get; set; }

        /// <summary><c>account</c></summary>
        public string? Account { get; set; }

        /// <summary><c>cumulativeFlops</c></summary>
        public double CumulativeFlops { get; set; } = double.NaN;

        /// <summary><c>flopsSinceLast</c></summary>
        public double FlopsSinceLast { get; set; } = double.NaN;

        /// <summary><c>timestamp</c></summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}

/// <summary>Source-generated metadata of the <c>swarm</c> wire shape (no reflection; a field may appear once).</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(SwarmReportType.Wire))]
internal sealed partial class SwarmWireJsonContext : JsonSerializerContext;
