using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring.Reports;

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

    /// <summary>The leading fields, validated in the format's order.</summary>
    internal (string JobId, string MinerId, string Wallet) CheckHead(ref ReportFieldCheck check) =>
        (check.Text(JobId, "jobId"), check.Text(MinerId, "minerId"), check.Text(Wallet, "wallet"));

    /// <summary>The trailing fields, validated in the format's order.</summary>
    internal (double GpuVramGb, double LatencySeconds, double Timestamp) CheckTail(ref ReportFieldCheck check) =>
        (check.Positive(GpuVramGb, "gpuVramGb", JobLimits.MaxGpuVramGb),
         check.Range(LatencySeconds, "latencySeconds", 0, JobLimits.MaxLatencySeconds),
         check.Timestamp(Timestamp, "timestamp"));

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
