using System.Text.Json.Serialization;

namespace Storage.Proofs;

/// <summary>Source-generated metadata of the <c>storage-proof</c> wire shape (no reflection; a field may appear once).</summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(StorageProofReportType.Wire))]
internal sealed partial class StorageProofWireJsonContext : JsonSerializerContext;
