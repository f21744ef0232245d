using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Scoring.Rules.Swarm;

namespace Scoring.Bench.Schemes;

/// <summary>
/// One swarm account's durable state (three peers, 1.1 KB of JSON, the mean size on the 1 M swarm input) written and
/// read with System.Text.Json source generation: metadata only, as the scheme's context was generated before session 11,
/// against metadata plus the generated serialization fast path, which the scheme's state contexts use now. Every batch
/// writes and reads back the state of each account it credits, once per transaction: for the dashboard's small bodies
/// about once per request.
/// </summary>
[MemoryDiagnoser]
public class SchemeStateJsonBenchmarks
{
    private SwarmAccountState _state = null!;
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        var peers = Enumerable.Range(0, 3).Select(i => new SwarmPeerState(
            $"12D3KooW{i}i9T9cZn5iR22vwRLwp3mCAPWgLeufKoHj4Rvcp6hwZy", 1_767_231_778_192_000 + i, 1_767_435_159_637_000 + i, (UInt128)2_403_133_003_866_504_847UL + (uint)i,
            true, i == 2, 1_767_432_725_589_000, 1_767_435_159_637_000, i == 2, 1_767_435_159_637_000, 1_767_432_725_589_000, 0,
            (UInt128)2_180_485_910_368_532_874UL, 32_757_629_000, 2_180_485_910, 9_099_341)).ToList();
        _state = new SwarmAccountState("hidden-badger-0333", 2, 0, 1_767_438_557_438_000, 1_767_438_557_438_000, peers, []);
        _json = JsonSerializer.SerializeToUtf8Bytes(_state, MetadataOnly.Default.SwarmAccountState);
        if (!_json.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(_state, WithFastPath.Default.SwarmAccountState)))
            throw new InvalidOperationException("The fast path writes other bytes than the metadata path.");
    }

    [Benchmark(Baseline = true)]
    public byte[] WriteMetadataOnly() => JsonSerializer.SerializeToUtf8Bytes(_state, MetadataOnly.Default.SwarmAccountState);

    [Benchmark]
    public byte[] WriteWithFastPath() => JsonSerializer.SerializeToUtf8Bytes(_state, WithFastPath.Default.SwarmAccountState);

    [Benchmark]
    public SwarmAccountState? Read() => JsonSerializer.Deserialize(_json, WithFastPath.Default.SwarmAccountState);
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SwarmAccountState))]
internal sealed partial class MetadataOnly : JsonSerializerContext;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SwarmAccountState))]
internal sealed partial class WithFastPath : JsonSerializerContext;
