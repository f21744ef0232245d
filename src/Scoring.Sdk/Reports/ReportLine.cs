using System.Text.Json.Serialization;

namespace Scoring.Reports;

/// <summary>
/// The wire shape of one JSON line: the union of every report kind's fields, all optional, so that one
/// source-generated pass reads any line and <see cref="ReportValidation"/> can name exactly which field is missing
/// or out of bounds. Numbers are read as <see cref="double"/> so that <c>2.5</c> for a count is reported as
/// "must be a whole number" instead of a converter failure.
/// </summary>
internal sealed class ReportLine
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? PeerId { get; set; }

    public string? Account { get; set; }

    public string? JobId { get; set; }

    public string? MinerId { get; set; }

    public string? Wallet { get; set; }

    public string? Category { get; set; }

    public string? Model { get; set; }

    public double? Uid { get; set; }

    public string? Hotkey { get; set; }

    public double? CumulativeFlops { get; set; }

    public double? FlopsSinceLast { get; set; }

    public double? Width { get; set; }

    public double? Height { get; set; }

    public double? Steps { get; set; }

    public double? InputTokens { get; set; }

    public double? OutputTokens { get; set; }

    public string? GpuName { get; set; }

    public double? GpuCount { get; set; }

    public double? GpuVramGb { get; set; }

    public double? LatencySeconds { get; set; }

    public bool? Queryable { get; set; }

    public bool? Penalized { get; set; }

    public bool? Allocated { get; set; }

    public string? Source { get; set; }

    public double? Score { get; set; }

    [JsonConverter(typeof(UnixTimestampConverter))]
    public double? Timestamp { get; set; }

    /// <summary>The wire shape of a report, for writing.</summary>
    public static ReportLine From(Report report) => report switch
    {
        SwarmPeerReport r => new ReportLine
        {
            Type = ReportTypeNames.Swarm,
            Id = r.ReportId,
            PeerId = r.PeerId,
            Account = r.Account,
            Timestamp = r.Timestamp,
            CumulativeFlops = r.CumulativeFlops,
            FlopsSinceLast = r.FlopsSinceLast,
        },
        ImageJobReport r => new ReportLine
        {
            Type = ReportTypeNames.Image,
            JobId = r.JobId,
            MinerId = r.MinerId,
            Wallet = r.Wallet,
            Category = r.Category,
            Timestamp = r.Timestamp,
            Width = r.Width,
            Height = r.Height,
            Steps = r.Steps,
            GpuVramGb = r.GpuVramGb,
            LatencySeconds = r.LatencySeconds,
        },
        LlmJobReport r => new ReportLine
        {
            Type = ReportTypeNames.Llm,
            JobId = r.JobId,
            MinerId = r.MinerId,
            Wallet = r.Wallet,
            Model = r.Model,
            Timestamp = r.Timestamp,
            InputTokens = r.InputTokens,
            OutputTokens = r.OutputTokens,
            GpuVramGb = r.GpuVramGb,
            LatencySeconds = r.LatencySeconds,
        },
        ProofOfGpuReport r => new ReportLine
        {
            Type = ReportTypeNames.ProofOfGpu,
            Id = r.ReportId,
            Uid = r.Uid,
            Hotkey = r.Hotkey,
            Timestamp = r.Timestamp,
            GpuName = r.GpuName,
            GpuCount = r.GpuCount,
            Queryable = r.Queryable,
            Penalized = r.Penalized,
            Allocated = r.Allocated,
            Source = r.Source == ProofOfGpuSource.External ? ReportTypeNames.ExternalSource : ReportTypeNames.LocalSource,
            Score = r.Score,
        },
        _ => throw new ArgumentException($"Unknown report type {report.GetType()}.", nameof(report)),
    };
}
