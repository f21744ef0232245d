using System.Text.Json.Serialization;

namespace Scoring.Reports;

/// <summary>
/// Source-generated System.Text.Json metadata for the report wire shape: no reflection, trimming-safe, and the
/// fast path for writing. Duplicate properties are rejected so that a line cannot say <c>"type"</c> twice and mean
/// different things to different readers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ReportLine))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
