using System.Text.Json.Serialization;

namespace Scoring.Rules.Jobs;

/// <summary>Source-generated metadata of the job wire shapes (no reflection; a field may appear once).</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(ImageJobReportType.Wire), TypeInfoPropertyName = "ImageJobReportTypeWire")]
[JsonSerializable(typeof(LlmJobReportType.Wire), TypeInfoPropertyName = "LlmJobReportTypeWire")]
internal sealed partial class JobsWireJsonContext : JsonSerializerContext;
