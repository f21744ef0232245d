using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;
using Scoring.Rules.Jobs;

namespace Scoring.Durability.Tests.Streams;

/// <summary>
/// Realistic jobs streams over several epochs: wallets of 1–4 GPUs running image and LLM jobs (some earning 0 — too
/// little VRAM, over the deadline — some void: an unknown category or model), arriving out of order within the grace
/// and sometimes after their epoch closed (late), re-sent (duplicates) or re-sent with other content (conflicts);
/// wallets hold NFTs and stake that change per epoch.
/// </summary>
internal static class JobsStreams
{
    // Includes names whose UTF-16 order differs from their code-point order (state keys are sorted by code point).
    private static readonly string[] WalletNames = ["5Grw-alice", "5FHn-bob", "\uFF21-wallet", "\U0001F600-wallet"];

    private static readonly string[] Categories = ["sd15", "sd15-lora", "sdxl", "sdxl-lora", "flux"];

    private static readonly string[] Models = ["dolphin-2.9-llama3-8b", "hermes-3-llama3.1-8b", "theia-llama-3.1-8b", "openhermes-mixtral-8x7b-gptq"];

    public static Gen<DurabilityCase> Cases(int maxJobsPerGpu = 10) =>
        from setup in Setups()
        from wallets in Gen.Choose(1, 3)
        from jobs in Gen.Choose(1, maxJobsPerGpu)
        from seed in Gen.Choose(0, int.MaxValue)
        from choices in Gen.Choose(0, int.MaxValue)
        select new DurabilityCase(setup, Generate(new Random(seed), setup, wallets, jobs).ToArray(), choices);

    public static Gen<JobsSetup> Setups() =>
        from epochMinutes in Gen.Elements(5, 10)
        from grace in Gen.Elements(30, 60, 120)
        from holdings in Holdings()
        from v2 in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Choose(1, 3).Select(e => (int?)e)))
        select new JobsSetup(epochMinutes, grace, holdings, v2);

    private static Gen<WalletHoldings[]> Holdings() =>
        from held in Gen.Choose(0, 6).Zip(Gen.Choose(0, 6000)).ArrayOf(WalletNames.Length * Epochs)
        select held
            .Select((h, i) => new WalletHoldings(i / WalletNames.Length, WalletNames[i % WalletNames.Length], h.Item1 <= 3 ? 0 : h.Item1 - 3, h.Item2 < 2000 ? 0 : h.Item2))
            .Where(h => h.Nfts > 0 || h.Stake > 0)
            .ToArray();

    /// <summary>How many epochs a stream spans.</summary>
    public const int Epochs = 5;

    /// <summary>A stream in arrival order.</summary>
    public static List<Report> Generate(Random random, JobsSetup setup, int wallets, int jobsPerGpu)
    {
        var sent = new List<(double Arrival, int Order, Report Report)>();
        var names = WalletNames.OrderBy(_ => random.Next()).Concat(Enumerable.Range(0, wallets).Select(i => $"5Wal-{i:D3}")).Take(wallets).ToArray();
        double span = Epochs * setup.EpochMinutes * 60.0;
        int order = 0, job = 0;
        foreach (var wallet in names)
        {
            int gpus = random.Next(1, 5);
            for (int g = 0; g < gpus; g++)
            {
                string miner = $"gpu-{wallet}-{g}";
                int jobs = random.Next(1, jobsPerGpu + 1);
                for (int j = 0; j < jobs; j++)
                {
                    // Times on a 1-second grid with some halves: several jobs can finish at one instant.
                    double time = JobsSetup.Origin + random.Next(0, (int)span) + (random.Next(8) == 0 ? 0.5 : 0);
                    // A GPU now and then runs a job for another wallet of the same operator.
                    string paidTo = random.Next(20) == 0 ? names[random.Next(names.Length)] : wallet;
                    var report = Job(random, $"job-{job++}", miner, paidTo, time);
                    double delay = random.Next(100) < 5 ? random.Next(setup.GraceSeconds, (int)span) : random.NextDouble() * setup.GraceSeconds;
                    sent.Add((time + delay, order++, report));
                    int extra = random.Next(100);
                    if (extra < 6)
                        sent.Add((time + delay + random.Next(0, 600), order++, report));
                    else if (extra < 9)
                        sent.Add((time + delay + random.Next(0, 600), order++, setup.Alter(report)));
                }
            }
        }
        return sent.OrderBy(s => s.Arrival).ThenBy(s => s.Order).Select(s => s.Report).ToList();
    }

    private static Report Job(Random random, string id, string miner, string wallet, double time)
    {
        if (random.Next(10) < 6)
        {
            string category = random.Next(50) == 0 ? "sd3" : Categories[random.Next(Categories.Length)];
            int side = new[] { 512, 768, 1024 }[random.Next(3)];
            return new ImageJobReport(id, miner, wallet, category, side, new[] { 512, 768, 1024 }[random.Next(3)], random.Next(20, 51),
                new[] { 8.0, 12, 16, 24, 48 }[random.Next(5)], random.Next(1, 26) + random.Next(4) * 0.25, time);
        }
        string model = random.Next(50) == 0 ? "llama-unknown-70b" : Models[random.Next(Models.Length)];
        return new LlmJobReport(id, miner, wallet, model, random.Next(10, 4000), random.Next(10, 2000),
            new[] { 16.0, 24, 40, 48, 80 }[random.Next(5)], random.Next(1, 241), time);
    }
}
