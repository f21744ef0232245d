using System.Text.Json.Serialization;

namespace Scoring.Reports;

/// <summary>
/// Source-generated System.Text.Json metadata for reading the report wire shape: no reflection, trimming-safe.
/// (Writing is done by <see cref="ReportWriter"/> directly with a <see cref="System.Text.Json.Utf8JsonWriter"/>.) Duplicate properties are rejected so that a line cannot say <c>"type"</c> twice and mean
/// different things to different readers.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ReportLine))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
