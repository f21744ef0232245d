using System.Text.Json.Serialization;

namespace Pog.Validator;

/// <summary>Source-generated JSON for the weights file: camelCase, one record per line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WeightSet))]
internal sealed partial class WeightSetJsonContext : JsonSerializerContext;
