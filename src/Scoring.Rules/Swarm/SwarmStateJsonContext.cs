using System.Text.Json.Serialization;

namespace Scoring.Rules.Swarm;

/// <summary>Source-generated JSON of the swarm scheme's durable state (one value per account, and a peer → account index).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SwarmAccountState))]
[JsonSerializable(typeof(SwarmAccrualState))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class SwarmStateJsonContext : JsonSerializerContext;
