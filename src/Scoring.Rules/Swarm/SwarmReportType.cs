using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;
using Scoring.Reports.Columns;

namespace Scoring.Rules.Swarm;

/// <summary>The <c>swarm</c> report type: decoding, validation and writing of <see cref="SwarmPeerReport"/> (docs/formats.md).</summary>
public sealed class SwarmReportType : JsonReportType<SwarmPeerReport, SwarmReportType.Wire>, IColumnarReportType
{
    // The indexes of the fields in Fields, for the columnar decoder.
    private const int Id = 0, PeerId = 1, Account = 2, CumulativeFlops = 3, FlopsSinceLast = 4, Timestamp = 5;

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
        Check(ref check, line.Id, line.PeerId, line.Account, line.CumulativeFlops, line.FlopsSinceLast, line.Timestamp);
        return check.Failed
            ? null
            : new SwarmPeerReport(line.Id ?? SwarmPeerReport.DeriveId(line.PeerId!, line.Timestamp), line.PeerId!, line.Account!, line.Timestamp,
                Optional(line.CumulativeFlops), Optional(line.FlopsSinceLast));
    }

    /// <inheritdoc />
    void IColumnarReportType.Check(ref ReportFieldCheck check, in ReportFieldValues values) =>
        Check(ref check, values.Text(Id), values.Text(PeerId), values.Text(Account), values.Number(CumulativeFlops), values.Number(FlopsSinceLast), values.Number(Timestamp));

    /// <inheritdoc />
    string IColumnarReportType.ReportId(ReportBlock block, int row)
    {
        var columns = block.Columns(this);
        var id = columns.Names(Id)[row];
        return id >= 0
            ? block.Names.GetString(id)
            : SwarmPeerReport.DeriveId(block.Names.GetString(columns.Names(PeerId)[row]), columns.Doubles(Timestamp)[row]);
    }

    /// <inheritdoc />
    Report IColumnarReportType.ToReport(ReportBlock block, int row)
    {
        var columns = block.Columns(this);
        var names = block.Names;
        var peerId = names.GetString(columns.Names(PeerId)[row]);
        var timestamp = columns.Doubles(Timestamp)[row];
        var id = columns.Names(Id)[row];
        return new SwarmPeerReport(id >= 0 ? names.GetString(id) : SwarmPeerReport.DeriveId(peerId, timestamp), peerId, names.GetString(columns.Names(Account)[row]),
            timestamp, Optional(columns.Doubles(CumulativeFlops)[row]), Optional(columns.Doubles(FlopsSinceLast)[row]));
    }

    /// <summary>
    /// Every rule of a <c>swarm</c> line, over its values as read (strings as text, numbers NaN when absent): the object
    /// decoder and the columnar decoder both call it, so each rule has one definition. The first failure stays in
    /// <paramref name="check"/>.
    /// </summary>
    private static void Check(ref ReportFieldCheck check, ReportText id, ReportText peerId, ReportText account, double cumulativeFlops, double flopsSinceLast, double timestamp)
    {
        check.OptionalText(id, "id");
        check.Text(peerId, "peerId");
        check.Text(account, "account");
        check.Timestamp(timestamp, "timestamp");
        Flops(ref check, cumulativeFlops, "cumulativeFlops");
        Flops(ref check, flopsSinceLast, "flopsSinceLast");
        if (double.IsNaN(cumulativeFlops) && double.IsNaN(flopsSinceLast))
            check.Fail("cumulativeFlops", "is required unless flopsSinceLast is given (a report needs at least one of the two)");
        if (!id.IsPresent && !check.Failed && DerivedIdTooLong(peerId.Value, timestamp))
            check.Fail("peerId", $"is too long to derive the report id {{peerId}}@{{timestamp}} from (over {ReportLimits.MaxStringLength} characters); send an explicit id");
    }

    /// <summary>Whether <see cref="SwarmPeerReport.DeriveId"/> would exceed the string limit (built only for a peer id near it: a number's text is at most 24 characters).</summary>
    private static bool DerivedIdTooLong(ReadOnlySpan<char> peerId, double timestamp) =>
        peerId.Length + 1 + 24 > ReportLimits.MaxStringLength
        && SwarmPeerReport.DeriveId(peerId.ToString(), timestamp).Length > ReportLimits.MaxStringLength;

    private static double? Optional(double value) => double.IsNaN(value) ? null : value;

    /// <summary>An optional FLOP count: a whole number from 0 to <see cref="MaxFlops"/> (too large for a long: checked as a double).</summary>
    private static void Flops(ref ReportFieldCheck check, double value, string field)
    {
        if (double.IsFinite(value) && Math.Floor(value) != value)
            check.Fail(field, $"must be a whole number of FLOPs, got {ReportFieldCheck.Format(value)}");
        else
            check.OptionalRange(value, field, 0, MaxFlops);
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
