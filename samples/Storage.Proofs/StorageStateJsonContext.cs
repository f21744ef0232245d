using System.Text.Json.Serialization;

namespace Storage.Proofs;

/// <summary>Source-generated JSON of the storage scheme's durable state.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StorageProvider))]
internal sealed partial class StorageStateJsonContext : JsonSerializerContext;
