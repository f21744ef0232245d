using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

namespace Storage.Proofs;

/// <summary>The <c>storage-proof</c> report type: decoding, validation and writing of <see cref="StorageProofReport"/>.</summary>
public sealed class StorageProofReportType : JsonReportType<StorageProofReport, StorageProofReportType.Wire>
{
    /// <summary>The <c>type</c> value.</summary>
    public const string TypeName = "storage-proof";

    /// <summary>The most bytes one proof may claim: 10^18 (about 888 PiB), far above any single provider today.</summary>
    public const long MaxBytesStored = 1_000_000_000_000_000_000;

    /// <summary>The longest uptime one proof may claim: 10^9 seconds (about 31 years).</summary>
    public const double MaxUptimeSeconds = 1e9;

    private StorageProofReportType()
        : base(TypeName, StorageProofWireJsonContext.Default.Wire)
    {
    }

    /// <summary>The report type.</summary>
    public static StorageProofReportType Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<StorageProofReport>("id", r => r.ProofId),
        ReportField.String<StorageProofReport>("providerId", r => r.ProviderId),
        ReportField.String<StorageProofReport>("account", r => r.Account),
        ReportField.Int<StorageProofReport>("bytesStored", r => r.BytesStored),
        ReportField.Double<StorageProofReport>("uptimeSeconds", r => r.UptimeSeconds),
        ReportField.Double<StorageProofReport>("timestamp", r => r.Timestamp),
    ];

    /// <inheritdoc />
    protected override StorageProofReport? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.OptionalText(line.Id, "id");
        var providerId = check.Text(line.ProviderId, "providerId");
        var account = check.Text(line.Account, "account");
        // JSON numbers are read as doubles: above 2^53 bytes (8 PiB) a count is the nearest double, at most 64 bytes
        // off at the 10^18 limit — far below anything a TiB-hour rate can tell apart.
        var bytes = check.WholeNumber(line.BytesStored, "bytesStored", 0L, MaxBytesStored);
        var uptime = check.Range(line.UptimeSeconds, "uptimeSeconds", 0, MaxUptimeSeconds);
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        if (check.Failed)
            return null;
        if (id is null && StorageProofReport.DeriveId(providerId, timestamp) is { Length: > ReportLimits.MaxStringLength } derived)
        {
            // The ledger keeps ids of at most that length; refuse the line here rather than fail its whole batch there.
            check.Fail("providerId", $"is too long to derive the proof's id {ReportFieldCheck.Quote(derived)} ({derived.Length} characters; " +
                $"the limit is {ReportLimits.MaxStringLength}): give the proof an explicit \"id\"");
            return null;
        }
        return new StorageProofReport(id ?? StorageProofReport.DeriveId(providerId, timestamp), providerId, account, bytes, uptime, timestamp);
    }

    /// <inheritdoc />
    protected override void WriteFields(Utf8JsonWriter writer, StorageProofReport report)
    {
        // The id is left out when it is the derived one: shorter lines, the same report.
        if (report.ProofId != StorageProofReport.DeriveId(report.ProviderId, report.Timestamp))
            writer.WriteString("id"u8, report.ProofId);
        writer.WriteString("providerId"u8, report.ProviderId);
        writer.WriteString("account"u8, report.Account);
        writer.WriteNumber("bytesStored"u8, report.BytesStored);
        writer.WriteNumber("uptimeSeconds"u8, report.UptimeSeconds);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The wire shape of a <c>storage-proof</c> line: every field optional (numbers NaN when absent) so validation can name the missing one.</summary>
    public sealed class Wire
    {
        /// <summary><c>type</c></summary>
        public string? Type { get; set; }

        /// <summary><c>id</c></summary>
        public string? Id { get; set; }

        /// <summary><c>providerId</c></summary>
        public string? ProviderId { get; set; }

        /// <summary><c>account</c></summary>
        public string? Account { get; set; }

        /// <summary><c>bytesStored</c></summary>
        public double BytesStored { get; set; } = double.NaN;

        /// <summary><c>uptimeSeconds</c></summary>
        public double UptimeSeconds { get; set; } = double.NaN;

        /// <summary><c>timestamp</c>: unix seconds or an RFC 3339 string.</summary>
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}
