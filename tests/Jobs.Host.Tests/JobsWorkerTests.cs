using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jobs.Host.Tests;

public sealed class JobsWorkerTests : IDisposable
{
    // Epochs of one hour from the unix epoch: 1767225600 starts epoch 490896.
    private const long T0 = 1_767_225_600;
    private readonly string _folder = Directory.CreateTempSubdirectory("jobs-host-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Llm(string id, string wallet, long timestamp, int input, int output) =>
        $"{{\"type\":\"llm\",\"jobId\":\"{id}\",\"minerId\":\"{wallet}-1\",\"wallet\":\"{wallet}\",\"model\":\"theia-llama-3.1-8b\",\"inputTokens\":{input},\"outputTokens\":{output},\"gpuVramGb\":24,\"latencySeconds\":3,\"timestamp\":{timestamp}}}";

    private static string Image(string id, string wallet, long timestamp) =>
        $"{{\"type\":\"image\",\"jobId\":\"{id}\",\"minerId\":\"{wallet}-1\",\"wallet\":\"{wallet}\",\"category\":\"sdxl\",\"width\":1000,\"height\":1000,\"steps\":20,\"gpuVramGb\":24,\"latencySeconds\":5,\"timestamp\":{timestamp}}}";

    [Fact]
    public async Task PrintsEachEpochsLeaderboardWithBoostsWhenTheNextEpochBegins()
    {
        string jobs = Path.Combine(_folder, "jobs.jsonl");
        string holdings = Path.Combine(_folder, "holdings.jsonl");
        File.WriteAllText(holdings, "{\"epoch\":490896,\"wallet\":\"0xa\",\"nfts\":2}\n");
        File.WriteAllText(jobs, string.Join("\n",
            Llm("j1", "0xa", T0 + 10, 800, 200),
            Llm("j2", "0xb", T0 + 20, 1800, 200),
            Image("j3", "0xa", T0 + 30),
            "{\"type\":\"llm\",\"jobId\":\"bad\"}") + "\n");
        var output = new StringWriter();
        using var host = JobsHostBuilder.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["JobsHost:JobsPath"] = jobs,
                ["JobsHost:HoldingsPath"] = holdings,
                ["JobsHost:PollInterval"] = "00:00:00.020",
                ["Scoring:Ledger:Path"] = Path.Combine(_folder, "ledger.db"),
                ["Scoring:Jobs:EpochLength"] = "01:00:00",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.AddSingleton<TextWriter>(TextWriter.Synchronized(output));
        });
        await host.StartAsync();

        // A job of the next hour closes the first epoch.
        File.AppendAllText(jobs, Llm("j4", "0xb", T0 + 3_600, 500, 500) + "\n");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!output.ToString().Contains("epoch 490896", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.DoesNotContain("epoch 490897", output.ToString(), StringComparison.Ordinal);
        await host.StopAsync();

        string text = output.ToString();
        Assert.Contains("epoch 490896 (2026-01-01 00:00 .. 2026-01-01 01:00 UTC): 2 wallets, 3 jobs", text, StringComparison.Ordinal);
        Assert.Contains("epoch 490897 (2026-01-01 01:00 .. 2026-01-01 02:00 UTC): 1 wallets, 1 jobs", text, StringComparison.Ordinal);
        // Rows as "rank wallet jobs boost total": LLM (800 + 200) / 1000 × 0.5 = 0.5 with 2 NFTs (×1.2) → +0.1;
        // 0xb has no NFTs; the SDXL image 1000 × 1000 × 20 steps × 1e-6 = 20 Waifu, +4 boost.
        string[] rows = text.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();
        int second = Array.FindIndex(rows, r => r.StartsWith("epoch 490897", StringComparison.Ordinal));
        Assert.Equal(["1 0xb 1 0 1", "2 0xa 0.5 0.1 0.6", "1 0xa 20 4 24"], rows[..second].Where(r => r.Length > 0 && char.IsDigit(r[0])));
        Assert.Equal(["1 0xb 0.5 0 0.5", "(none)"], rows[second..].Where(r => r.Length > 0 && (char.IsDigit(r[0]) || r[0] == '(')));
    }
}
