using System.Text.Json.Serialization;

namespace Scoring.Cli.Output;

/// <summary>Source-generated JSON metadata for everything the CLI writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LeaderboardDocument))]
[JsonSerializable(typeof(LeaderboardsDocument))]
[JsonSerializable(typeof(ScoreDocument))]
[JsonSerializable(typeof(DiffDocument))]
[JsonSerializable(typeof(WeightsDiffDocument))]
[JsonSerializable(typeof(RuleSetListDocument))]
[JsonSerializable(typeof(EntriesDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
