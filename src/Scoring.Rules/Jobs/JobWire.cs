using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;
using Scoring.Reports.Columns;

namespace Scoring.Rules.Jobs;

/// <summary>
/// The fields every job line has, on the wire and in validation: <c>type</c>, <c>jobId</c>, <c>minerId</c>,
/// <c>wallet</c> first, <c>gpuVramGb</c>, <c>latencySeconds</c>, <c>timestamp</c> last (numbers NaN when absent).
/// </summary>
public abstract class JobWire
{
    /// <summary><c>type</c></summary>
    public string? Type { get; set; }

    /// <summary><c>jobId</c></summary>
    public string? JobId { get; set; }

    /// <summary><c>minerId</c></summary>
    public string? MinerId { get; set; }

    /// <summary><c>wallet</c></summary>
    public string? Wallet { get; set; }

    /// <summary><c>gpuVramGb</c></summary>
    public double GpuVramGb { get; set; } = double.NaN;

    /// <summary><c>latencySeconds</c></summary>
    public double LatencySeconds { get; set; } = double.NaN;

    /// <summary><c>timestamp</c></summary>
    [JsonConverter(typeof(UnixTimestampConverter))]
    public double Timestamp { get; set; } = double.NaN;

    /// <summary>The rules of the leading fields, in the format's order (both decoders of both job types call them).</summary>
    internal static void CheckHead(ref ReportFieldCheck check, ReportText jobId, ReportText minerId, ReportText wallet)
    {
        check.Text(jobId, "jobId");
        check.Text(minerId, "minerId");
        check.Text(wallet, "wallet");
    }

    /// <summary>The rules of the trailing fields, in the format's order.</summary>
    internal static void CheckTail(ref ReportFieldCheck check, double gpuVramGb, double latencySeconds, double timestamp)
    {
        check.Positive(gpuVramGb, "gpuVramGb", JobLimits.MaxGpuVramGb);
        check.Range(latencySeconds, "latencySeconds", 0, JobLimits.MaxLatencySeconds);
        check.Timestamp(timestamp, "timestamp");
    }

    /// <summary>The report id of a job row the columnar decoder read: its <c>jobId</c> (field 0 of both job types).</summary>
    internal static string ReportId(ReportType type, ReportBlock block, int row) =>
        block.Names.GetString(block.Columns(type).Names(0)[row]);

    /// <summary>Writes the leading fields.</summary>
    internal static void WriteHead(Utf8JsonWriter writer, string jobId, string minerId, string wallet)
    {
        writer.WriteString("jobId"u8, jobId);
        writer.WriteString("minerId"u8, minerId);
        writer.WriteString("wallet"u8, wallet);
    }

    /// <summary>Writes the trailing fields.</summary>
    internal static void WriteTail(Utf8JsonWriter writer, double gpuVramGb, double latencySeconds, double timestamp)
    {
        writer.WriteNumber("gpuVramGb"u8, gpuVramGb);
        writer.WriteNumber("latencySeconds"u8, latencySeconds);
        writer.WriteNumber("timestamp"u8, timestamp);
    }
}
