using System.Text.Json.Serialization;

namespace Scoring.Cli.Commands;

/// <summary>Source-generated JSON metadata for the documents `scoring weights` reads.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(WeightsInput))]
internal sealed partial class WeightsJsonContext : JsonSerializerContext;
