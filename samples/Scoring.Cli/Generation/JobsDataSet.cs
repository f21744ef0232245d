using System.Globalization;
using Scoring.Reports;
using Scoring.Rules.Jobs;

namespace Scoring.Cli.Generation;

/// <summary>
/// An inference network: wallets that run one or more miners (a few run many, so per-wallet GPU caps matter), each
/// miner with one GPU. Jobs arrive at about one per miner every 50 seconds: 60 % image jobs over the SD 1.5, SDXL,
/// SDXL LoRA and Flux categories, 40 % LLM jobs over the four served models. Latency follows the work and the GPU's
/// speed; about 3 % of jobs are late (past the 18 s image or 180 s LLM deadline), and some run on GPUs with less
/// memory than their category needs.
/// </summary>
internal static class JobsDataSet
{
    /// <summary>Miner GPUs: memory in GB and speed relative to a 24 GB RTX 4090-class card.</summary>
    private static readonly ((int VramGb, double Speed) Gpu, int Weight)[] Gpus =
    [
        ((8, 0.35), 10), ((12, 0.5), 10), ((16, 0.7), 15), ((24, 1.0), 35), ((40, 1.4), 5), ((48, 1.3), 10), ((80, 2.2), 15),
    ];

    private static readonly (string Category, int Weight)[] Categories =
        [("sd15", 25), ("sd15-lora", 10), ("sdxl", 35), ("sdxl-lora", 20), ("flux", 10)];

    private static readonly (int Width, int Height)[] Sd15Sizes = [(512, 512), (512, 768), (768, 512), (768, 768)];

    private static readonly (int Width, int Height)[] SdxlSizes = [(1024, 1024), (832, 1216), (1216, 832), (896, 1152)];

    /// <summary>LLM models with their decode speed in tokens per second on the reference (24 GB) GPU.</summary>
    private static readonly ((string Model, double TokensPerSecond) Model, int Weight)[] Models =
    [
        (("dolphin-2.9-llama3-8b", 70), 25),
        (("hermes-3-llama3.1-8b", 70), 35),
        (("theia-llama-3.1-8b", 70), 15),
        (("openhermes-mixtral-8x7b-gptq", 30), 25),
    ];

    /// <summary>Generates <paramref name="count"/> jobs in arrival order, lazily.</summary>
    public static IEnumerable<Report> Generate(long count, ulong seed)
    {
        var random = new Xoshiro256StarStar(seed);
        var minerCount = (int)Math.Clamp(Math.Round(Math.Sqrt(count) * 0.7), 1, 100_000);
        var wallets = new List<(string Address, int Miners)>();
        var minerWallets = new int[minerCount];
        var miners = new Miner[minerCount];
        for (var i = 0; i < minerCount; i++)
        {
            // Preferential attachment: a wallet that runs more miners is likelier to add one, so a few run many.
            if (i == 0 || random.Chance(0.45))
            {
                wallets.Add((SyntheticNames.Wallet(random), 0));
                minerWallets[i] = wallets.Count - 1;
            }
            else
            {
                minerWallets[i] = minerWallets[random.Next(i)];
            }

            var (wallet, owned) = wallets[minerWallets[i]];
            wallets[minerWallets[i]] = (wallet, owned + 1);
            var (vramGb, speed) = random.PickWeighted(Gpus);
            miners[i] = new Miner(
                string.Create(CultureInfo.InvariantCulture, $"{wallet}-{owned}"),
                wallet,
                vramGb,
                speed * random.Between(0.85, 1.15));
        }

        var meanGapMilliseconds = 50_000.0 / minerCount;
        var now = GenerationClock.EpochMilliseconds;
        for (long job = 0; job < count; job++)
        {
            now += (long)Math.Round(random.Between(0, 2 * meanGapMilliseconds));
            var miner = miners[random.Next(minerCount)];
            var jobId = string.Create(CultureInfo.InvariantCulture, $"job-{job:D10}");
            yield return random.Chance(0.6) ? Image(random, jobId, miner, now) : Llm(random, jobId, miner, now);
        }
    }

    private static ImageJobReport Image(Xoshiro256StarStar random, string jobId, Miner miner, long assigned)
    {
        var category = random.PickWeighted(Categories);
        var (width, height) = random.Pick(category.StartsWith("sd15", StringComparison.Ordinal) ? Sd15Sizes : SdxlSizes);
        var steps = category switch
        {
            "flux" => random.Chance(0.5) ? 4 : random.Between(20, 28),
            "sd15" or "sd15-lora" => random.Between(20, 30),
            _ => random.Between(25, 40),
        };

        // A 24 GB reference GPU does about 6.3 million pixel-steps per second (1024x1024, 30 steps in 5 s).
        var work = (double)width * height * steps / 6.3e6;
        var latency = (work / miner.Speed * random.Between(0.85, 1.3)) + random.Between(0.3, 1.5);
        if (random.Chance(0.03))
        {
            latency += random.Between(15, 60); // queued or throttled: misses the 18 s deadline
        }

        return new ImageJobReport(
            jobId, miner.Id, miner.Wallet, category, width, height, steps, miner.VramGb,
            Milliseconds(latency), Finished(assigned, latency));
    }

    private static LlmJobReport Llm(Xoshiro256StarStar random, string jobId, Miner miner, long assigned)
    {
        var (model, tokensPerSecond) = random.PickWeighted(Models);
        var skew = random.NextDouble();
        var input = 20 + (int)(skew * skew * 3_980);
        var output = random.Between(16, 2_048);
        var latency = (input / (tokensPerSecond * 40 * miner.Speed)) + (output / (tokensPerSecond * miner.Speed * random.Between(0.8, 1.2)))
            + random.Between(0.1, 0.8);
        if (random.Chance(0.02))
        {
            latency += random.Between(180, 400); // misses the 180 s deadline
        }

        return new LlmJobReport(
            jobId, miner.Id, miner.Wallet, model, input, output, miner.VramGb,
            Milliseconds(latency), Finished(assigned, latency));
    }

    private static double Milliseconds(double seconds) => Math.Round(seconds * 1000) / 1000;

    private static double Finished(long assigned, double latencySeconds) =>
        GenerationClock.ToUnixSeconds(assigned + (long)Math.Round(latencySeconds * 1000));

    private sealed record Miner(string Id, string Wallet, int VramGb, double Speed);
}
