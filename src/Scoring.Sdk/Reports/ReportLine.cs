using System.Text.Json.Serialization;

namespace Scoring.Reports;

/// <summary>
/// The wire shape of one JSON line: the union of every report kind's fields, all optional, so that one
/// source-generated pass reads any line and <see cref="ReportValidation"/> can name exactly which field is missing
/// or out of bounds. Numbers are read as <see cref="double"/> so that <c>2.5</c> for a count is reported as
/// "must be a whole number" instead of a converter failure; an absent number is NaN, which JSON cannot express
/// (this keeps the per-line object small, as no <see cref="Nullable{T}"/> wrappers are needed).
/// </summary>
internal sealed class ReportLine
{
    [JsonConverter(typeof(WireConstantConverter))]
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? PeerId { get; set; }

    public string? Account { get; set; }

    public string? JobId { get; set; }

    public string? MinerId { get; set; }

    public string? Wallet { get; set; }

    public string? Category { get; set; }

    public string? Model { get; set; }

    public double Uid { get; set; } = double.NaN;

    public string? Hotkey { get; set; }

    public double CumulativeFlops { get; set; } = double.NaN;

    public double FlopsSinceLast { get; set; } = double.NaN;

    public double Width { get; set; } = double.NaN;

    public double Height { get; set; } = double.NaN;

    public double Steps { get; set; } = double.NaN;

    public double InputTokens { get; set; } = double.NaN;

    public double OutputTokens { get; set; } = double.NaN;

    public string? GpuName { get; set; }

    public double GpuCount { get; set; } = double.NaN;

    public double GpuVramGb { get; set; } = double.NaN;

    public double LatencySeconds { get; set; } = double.NaN;

    public bool? Queryable { get; set; }

    public bool? Penalized { get; set; }

    public bool? Allocated { get; set; }

    [JsonConverter(typeof(WireConstantConverter))]
    public string? Source { get; set; }

    public double Score { get; set; } = double.NaN;

    [JsonConverter(typeof(UnixTimestampConverter))]
    public double Timestamp { get; set; } = double.NaN;
}
