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

    private static string Result(int uid, int gpus, bool penalized = false) =>
        $"{{\"type\":\"pog\",\"id\":\"r{uid}-{gpus}-{penalized}\",\"uid\":{uid},\"hotkey\":\"hk{uid}\",\"gpuName\":\"NVIDIA H100 80GB HBM3\",\"gpuCount\":{gpus},\"queryable\":true,\"penalized\":{(penalized ? "true" : "false")},\"allocated\":false,\"source\":\"local\"}}";

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

    private IReadOnlyList<WeightSet> Published()
    {
        string file = Path.Combine(_folder, "weights.out");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.EndsWith('}')).Select(l => JsonSerializer.Deserialize<WeightSet>(l, JsonSerializerOptions.Web)!).ToArray()
            : [];
    }

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
}
