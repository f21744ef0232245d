using System.Text.Json.Serialization;

namespace Scoring.Rules.Jobs;

/// <summary>The jobs scheme's watermark: every epoch up to <paramref name="ClosedThrough"/> is closed (its boosts recorded).</summary>
/// <param name="ClosedThrough">The last closed epoch; -1 when none is.</param>
internal sealed record JobsWatermark(long ClosedThrough);

/// <summary>One wallet's base points in one open epoch, per GPU (miner id): micro-points of Llama and Waifu.</summary>
/// <param name="Miners">Per miner id, [llama units, waifu units].</param>
internal sealed record WalletEarnings(Dictionary<string, long[]> Miners);

/// <summary>Source-generated JSON of the jobs scheme's durable state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JobsWatermark))]
[JsonSerializable(typeof(WalletEarnings))]
internal sealed partial class JobsStateJsonContext : JsonSerializerContext;
