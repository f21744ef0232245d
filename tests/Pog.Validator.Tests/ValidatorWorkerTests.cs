using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pog.Validator.Tests;

public sealed class ValidatorWorkerTests : IDisposable
{
    private static readonly TimeSpan BlockTime = TimeSpan.FromSeconds(12);
    private readonly string _folder = Directory.CreateTempSubdirectory("pog-validator-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static string Result(int uid, int gpus, bool penalized = false, string gpu = "NVIDIA H100 80GB HBM3") =>
        $"{{\"type\":\"pog\",\"id\":\"r{uid}-{gpus}-{penalized}\",\"uid\":{uid},\"hotkey\":\"hk{uid}\",\"gpuName\":\"{gpu}\",\"gpuCount\":{gpus},\"queryable\":true,\"penalized\":{(penalized ? "true" : "false")},\"allocated\":false,\"source\":\"local\"}}";

    private (IHost Host, ManualTimeProvider Clock, CountingFeed Feed, StringWriter Output) Build(Dictionary<string, string?> settings)
    {
        var clock = new ManualTimeProvider();
        var feed = new CountingFeed(new FolderResultFeed(_folder));
        var output = new StringWriter();
        var host = ValidatorHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Validator:BlockTime"] = BlockTime.ToString(),
                ["Validator:OutputPath"] = Path.Combine(_folder, "weights.out"),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<IResultFeed>(feed);
            builder.Services.AddSingleton<TextWriter>(TextWriter.Synchronized(output));
        });
        return (host, clock, feed, output);
    }

    private static async Task AdvanceBlocksAsync(ManualTimeProvider clock, CountingFeed feed, int blocks)
    {
        for (int i = 0; i < blocks; i++)
        {
            int reads = feed.Reads;
            clock.Advance(BlockTime);
            await feed.WaitForReadsAsync(reads + 1);
        }
    }

    /// <summary>Waits until the worker has written <paramref name="count"/> weight sets (it publishes after reading the feed).</summary>
    private async Task WaitForSetsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Published().Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Published().Count} weight sets written, expected {count}.");
            await Task.Delay(5);
        }
    }

    private IReadOnlyList<WeightSet> Published() => ReadSets(Path.Combine(_folder, "weights.out"));

    internal static IReadOnlyList<WeightSet> ReadSets(string file) =>
        File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.EndsWith('}')).Select(l => JsonSerializer.Deserialize<WeightSet>(l, JsonSerializerOptions.Web)!).ToArray()
            : [];

    [Fact]
    public async Task SetsWeightsOncePerRateLimitWindowFromTheLatestResults()
    {
        File.WriteAllText(Path.Combine(_folder, "round.jsonl"), Result(1, 8) + "\n" + Result(2, 4) + "\n");
        var (host, clock, feed, output) = Build(new() { ["Validator:RateLimit"] = "10" });
        await host.StartAsync();
        await feed.WaitForReadsAsync(1);

        await AdvanceBlocksAsync(clock, feed, 11);
        // uid 2 is penalized from block 12 on: the next window drops it.
        File.AppendAllText(Path.Combine(_folder, "round.jsonl"), Result(2, 4, penalized: true) + "\n");
        await AdvanceBlocksAsync(clock, feed, 11);
        await WaitForSetsAsync(3);
        await host.StopAsync();
        host.Dispose();

        var sets = Published();
        // Never set → block 0; then only when more than 10 blocks have passed: 11, 22.
        Assert.Equal([0L, 11L, 22L], sets.Select(s => s.Block));
        // Scores are proportional to GPU count (8 : 4): the max gets 65535, half of it rounds half to even to 32768.
        Assert.Equal([1, 2], sets[0].EmissionUids);
        Assert.Equal([(ushort)65535, (ushort)32768], sets[0].Emission);
        Assert.Equal(sets[0].Emission, sets[1].Emission);
        Assert.Equal([1], sets[2].EmissionUids);
        Assert.Equal([(ushort)65535], sets[2].Emission);
        Assert.Contains("block 0: scores weights for 2 uids (2 of 2 miners scored)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurnModeSendsEverythingToTheBurnUid()
    {
        File.WriteAllText(Path.Combine(_folder, "round.jsonl"), Result(1, 8) + "\n" + Result(2, 4) + "\n");
        var (host, _, feed, _) = Build(new() { ["Validator:BurnUid"] = "0" });
        await host.StartAsync();
        await WaitForSetsAsync(1);
        await host.StopAsync();
        host.Dispose();

        var set = Assert.Single(Published());
        Assert.Equal("burn", set.Mode);
        Assert.Equal([0], set.EmissionUids);
        Assert.Equal([(ushort)65535], set.Emission);
    }

    [Fact]
    public async Task ABadLineIsSkippedAndTheRestIsScored()
    {
        File.WriteAllText(Path.Combine(_folder, "round.jsonl"), "{\"type\":\"pog\",\"uid\":\"x\"}\n" + Result(3, 2) + "\n");
        var (host, _, feed, _) = Build(new());
        await host.StartAsync();
        await WaitForSetsAsync(1);
        await host.StopAsync();
        host.Dispose();

        Assert.Equal([3], Assert.Single(Published()).EmissionUids);
    }

    [Fact]
    public void ABadBlockTimeFailsAtStartNamingTheKey()
    {
        var (host, _, _, _) = Build(new() { ["Validator:BlockTime"] = "00:00:00" });
        using (host)
        {
            var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("Validator:BlockTime:", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheReadmeRoundGivesItsWeights()
    {
        // samples/data/examples/pog.jsonl: 8 × B200, 1 × H100 80GB HBM3, a penalized H200, with the built-in table.
        File.WriteAllText(Path.Combine(_folder, "round.jsonl"), """
            {"type":"pog","uid":0,"hotkey":"5Alice","gpuName":"NVIDIA B200","gpuCount":8,"queryable":true,"penalized":false,"allocated":false}
            {"type":"pog","uid":1,"hotkey":"5Bob","gpuName":"NVIDIA H100 80GB HBM3","gpuCount":1,"queryable":true,"penalized":false,"allocated":false}
            {"type":"pog","uid":2,"hotkey":"5Carol","gpuName":"NVIDIA H200","gpuCount":4,"queryable":true,"penalized":true,"allocated":false}

            """);
        var (host, _, _, output) = Build(new());
        await host.StartAsync();
        await WaitForSetsAsync(1);
        await host.StopAsync();
        host.Dispose();

        var set = Assert.Single(Published());
        Assert.Equal([0.92378753f, 0.07621247f, 0f], set.Weights);
        Assert.Equal([(ushort)65535, (ushort)5407], set.Emission);
        Assert.Contains("block 0: scores weights for 3 uids (2 of 3 miners scored)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AValidatorConfigYamlReplacesTheGpuTable()
    {
        // With the built-in table 4 × H100 80GB HBM3 and 8 × A100-SXM4-80GB differ; with this one both score 0.5.
        string config = Path.Combine(_folder, "config.yaml");
        File.WriteAllText(config, "gpu_performance:\n  gpu_scores:\n    NVIDIA H100 80GB HBM3: 2.0\n    NVIDIA A100-SXM4-80GB: 1.0\nmerkle_proof:\n  submatrix_size: 512\n");
        File.WriteAllText(Path.Combine(_folder, "round.jsonl"), Result(1, 4) + "\n" + Result(2, 8, gpu: "NVIDIA A100-SXM4-80GB") + "\n");
        var (host, _, _, _) = Build(new() { ["Validator:GpuConfig"] = config });
        await host.StartAsync();
        await WaitForSetsAsync(1);
        await host.StopAsync();
        host.Dispose();

        var set = Assert.Single(Published());
        Assert.Equal([0.5f, 0.5f], set.Weights);
        Assert.Equal([(ushort)65535, (ushort)65535], set.Emission);
    }

    [Fact]
    public async Task TheFormerScoringProofOfGpuSectionStillSetsTheTable()
    {
        File.WriteAllText(Path.Combine(_folder, "round.jsonl"), Result(1, 4) + "\n" + Result(2, 8, gpu: "NVIDIA A100-SXM4-80GB") + "\n");
        var (host, _, _, _) = Build(new()
        {
            ["Scoring:ProofOfGpu:GpuScores:0:Name"] = "NVIDIA H100 80GB HBM3",
            ["Scoring:ProofOfGpu:GpuScores:0:Score"] = "2.0",
            ["Scoring:ProofOfGpu:GpuScores:1:Name"] = "NVIDIA A100-SXM4-80GB",
            ["Scoring:ProofOfGpu:GpuScores:1:Score"] = "1.0",
            ["Scoring:ProofOfGpu:MaxGpus"] = "4",
        });
        await host.StartAsync();
        await WaitForSetsAsync(1);
        await host.StopAsync();
        host.Dispose();

        // At most 4 GPUs count: 2.0 × 4 against 1.0 × 4.
        var set = Assert.Single(Published());
        Assert.Equal([(ushort)65535, (ushort)32768], set.Emission);
    }
}
