using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scoring.Ledger;

namespace Jobs.Host.Tests;

public sealed class JobsWorkerTests : IDisposable
{
    // Epochs of one hour from the unix epoch: 1767225600 starts epoch 490896. The default grace is 15 minutes.
    private const long T0 = 1_767_225_600;
    private readonly string _folder = Directory.CreateTempSubdirectory("jobs-host-").FullName;
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Jobs => Path.Combine(_folder, "jobs.jsonl");

    private static string Llm(string id, string wallet, long timestamp, int input, int output) =>
        $"{{\"type\":\"llm\",\"jobId\":\"{id}\",\"minerId\":\"{wallet}-1\",\"wallet\":\"{wallet}\",\"model\":\"theia-llama-3.1-8b\",\"inputTokens\":{input},\"outputTokens\":{output},\"gpuVramGb\":24,\"latencySeconds\":3,\"timestamp\":{timestamp}}}";

    private static string Image(string id, string wallet, long timestamp) =>
        $"{{\"type\":\"image\",\"jobId\":\"{id}\",\"minerId\":\"{wallet}-1\",\"wallet\":\"{wallet}\",\"category\":\"sdxl\",\"width\":1000,\"height\":1000,\"steps\":20,\"gpuVramGb\":24,\"latencySeconds\":5,\"timestamp\":{timestamp}}}";

    private IHost Build(Dictionary<string, string?>? settings = null) => JobsHostBuilder.Build([], builder =>
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JobsHost:JobsPath"] = Jobs,
            ["JobsHost:PollInterval"] = "00:00:00.020",
            ["Scoring:Ledger:Path"] = Path.Combine(_folder, "ledger.db"),
            ["Scoring:Jobs:EpochLength"] = "01:00:00",
            ["Logging:LogLevel:Default"] = "Error",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<TextWriter>(TextWriter.Synchronized(_output));
    });

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited 20 s for {what}");
            await Task.Delay(20);
        }
    }

    private static Task WaitForJobAsync(IHost host, string id) => WaitForAsync(async () =>
    {
        var ledger = host.Services.GetRequiredService<ILedgerStore>();
        return await ledger.ListEntriesAsync(new EntryQuery { ReportId = id }).AnyAsync();
    }, $"job {id} in the ledger");

    private static JobsWorker Worker(IHost host) => host.Services.GetServices<IHostedService>().OfType<JobsWorker>().Single();

    /// <summary>The printed rows, spaces collapsed: <c>rank jobs boost total wallet</c> and <c>(none)</c>.</summary>
    private static string[] Rows(string text) => text.Split('\n')
        .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        .Where(r => r.Length > 0 && (char.IsDigit(r[0]) || r[0] == '('))
        .ToArray();

    [Fact]
    public async Task AnEpochClosesAfterItsGraceWithItsBoostsAndTheRestCloseWhenTheHostStops()
    {
        File.WriteAllText(Path.Combine(_folder, "holdings.jsonl"), "{\"epoch\":490896,\"wallet\":\"0xa\",\"nfts\":2}\n");
        File.WriteAllText(Jobs, string.Join("\n",
            Llm("j1", "0xa", T0 + 10, 800, 200),
            Llm("j2", "0xb", T0 + 20, 1800, 200),
            Image("j3", "0xa", T0 + 30),
            "{\"type\":\"llm\",\"jobId\":\"bad\"}") + "\n");
        using var host = Build(new() { ["Scoring:Jobs:HoldingsPath"] = Path.Combine(_folder, "holdings.jsonl") });
        await host.StartAsync();

        // A job of the next hour does not close the first epoch yet: its grace runs until 01:15.
        File.AppendAllText(Jobs, Llm("j4", "0xb", T0 + 3_600, 500, 500) + "\n");
        await WaitForJobAsync(host, "j4");
        Assert.DoesNotContain("epoch 490896", _output.ToString(), StringComparison.Ordinal);

        // One at 01:15 does.
        File.AppendAllText(Jobs, Llm("j5", "0xb", T0 + 3_600 + 900, 100, 100) + "\n");
        await WaitForAsync(() => Task.FromResult(_output.ToString().Contains("epoch 490896", StringComparison.Ordinal)), "the first epoch's leaderboard");
        Assert.DoesNotContain("epoch 490897", _output.ToString(), StringComparison.Ordinal);

        // A job of the closed epoch is late: it changes nothing.
        File.AppendAllText(Jobs, Llm("j6", "0xa", T0 + 40, 5000, 5000) + "\n");
        await host.StopAsync();
        Assert.Null(Worker(host).Failure);

        string text = _output.ToString();
        Assert.Contains("epoch 490896 (2026-01-01T00:00:00Z .. 2026-01-01T01:00:00Z): 2 wallets, 3 jobs", text, StringComparison.Ordinal);
        Assert.Contains("epoch 490897 (2026-01-01T01:00:00Z .. 2026-01-01T02:00:00Z): 1 wallets, 2 jobs", text, StringComparison.Ordinal);
        int second = text.IndexOf("epoch 490897", StringComparison.Ordinal);
        // Rows as "rank jobs boost total wallet": LLM (800 + 200) / 1000 × 0.5 = 0.5 with 2 NFTs (×1.2) → +0.1;
        // 0xb has no NFTs; the SDXL image 1000 × 1000 × 20 steps × 1e-6 = 20 Waifu, +4 boost.
        Assert.Equal(["1 1 0 1 0xb", "2 0.5 0.1 0.6 0xa", "1 20 4 24 0xa"], Rows(text[..second]));
        Assert.Equal(["1 0.6 0 0.6 0xb", "(none)"], Rows(text[second..]));
        var ledger = host.Services.GetRequiredService<ILedgerStore>();
        Assert.False(await ledger.ListEntriesAsync(new EntryQuery { ReportId = "j6" }).AnyAsync());
    }

    [Fact]
    public async Task WithoutSettlingOnStopAnEpochStaysOpenAcrossARestart()
    {
        File.WriteAllText(Jobs, Llm("j1", "0xa", T0 + 10, 800, 200) + "\n");
        using (var first = Build(new() { ["JobsHost:SettleOnStop"] = "false" }))
        {
            await first.StartAsync();
            await WaitForJobAsync(first, "j1");
            await first.StopAsync();
            Assert.Null(Worker(first).Failure);
        }
        Assert.Equal("", _output.ToString());

        // The next start reads the file again (j1 is a duplicate), takes a job of the still open epoch, and closes it
        // with a job past its grace: the leaderboard has the jobs of both runs.
        File.AppendAllText(Jobs, Llm("j2", "0xa", T0 + 20, 1800, 200) + "\n" + Llm("j3", "0xb", T0 + 3_600 + 900, 100, 100) + "\n");
        using var second = Build();
        await second.StartAsync();
        await WaitForAsync(() => Task.FromResult(_output.ToString().Contains("epoch 490896", StringComparison.Ordinal)), "the first epoch's leaderboard");
        await second.StopAsync();

        string text = _output.ToString();
        Assert.Contains("epoch 490896 (2026-01-01T00:00:00Z .. 2026-01-01T01:00:00Z): 1 wallets, 2 jobs", text, StringComparison.Ordinal);
        int next = text.IndexOf("epoch 490897", StringComparison.Ordinal);
        Assert.Equal(["1 1.5 0 1.5 0xa", "(none)"], Rows(text[..next]));
    }

    [Fact]
    public async Task RelativePathsAreRelativeToTheContentRoot()
    {
        File.WriteAllText(Jobs, Llm("j1", "0xa", T0 + 10, 800, 200) + "\n");
        File.WriteAllText(Path.Combine(_folder, "holdings.jsonl"), "{\"epoch\":490896,\"wallet\":\"0xa\",\"nfts\":2}\n");
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();

        var run = JobsHostBuilder.RunAsync(
            [$"--contentRoot={_folder}", "--JobsHost:JobsPath=jobs.jsonl", "--Scoring:Ledger:Path=relative.db", "--Scoring:Jobs:HoldingsPath=holdings.jsonl",
             "--Scoring:Jobs:EpochLength=01:00:00", "--JobsHost:PollInterval=00:00:00.020", "--Logging:LogLevel:Default=Error"],
            error,
            builder => builder.Services.AddSingleton<TextWriter>(TextWriter.Synchronized(_output)),
            stop.Token);
        await WaitForAsync(() => Task.FromResult(File.Exists(Path.Combine(_folder, "relative.db"))), "the ledger in the content root");
        // The host stops like on Ctrl+C: the final settle prints the epoch with the NFT boost read from holdings.jsonl.
        await WaitForAsync(async () =>
        {
            await using var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "relative.db"));
            return await ledger.ContainsReportAsync("jobs.llama", "0xa-1", "j1");
        }, "job j1 in the ledger");
        stop.Cancel();
        Assert.Equal(0, await StopAsync(run));

        Assert.Equal("", error.ToString());
        Assert.Equal(["1 0.5 0.1 0.6 0xa", "(none)"], Rows(_output.ToString()));
    }

    [Fact]
    public async Task AStopAskedForWhileStartingIsACleanExit()
    {
        // The host's start honours the stop token: stopped before it finished starting, it exits 0 without an error line.
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        int exit = await JobsHostBuilder.RunAsync([$"--contentRoot={_folder}", "--Logging:LogLevel:Default=None"], error, cancellationToken: stop.Token);
        Assert.Equal((0, ""), (exit, error.ToString()));
    }

    [Fact]
    public async Task WithoutSettingsTheLedgerIsTheDocumentedFileInTheContentRoot()
    {
        // A content root without appsettings.json (the host started from another folder): the same file names as the
        // shipped settings, in the content root — never the SDK's generic scoring-ledger.db or the current directory.
        File.WriteAllText(Jobs, Llm("j1", "0xa", T0 + 10, 800, 200) + "\n");
        using var stop = new CancellationTokenSource();
        var run = JobsHostBuilder.RunAsync(
            [$"--contentRoot={_folder}", "--JobsHost:PollInterval=00:00:00.020", "--Logging:LogLevel:Default=None"],
            TextWriter.Null,
            builder => builder.Services.AddSingleton<TextWriter>(TextWriter.Synchronized(_output)),
            stop.Token);
        string ledger = Path.Combine(_folder, JobsHostBuilder.DefaultLedgerPath);
        await WaitForAsync(() => Task.FromResult(File.Exists(ledger)), "jobs-ledger.db in the content root");
        stop.Cancel();
        Assert.Equal(0, await StopAsync(run));
        Assert.False(File.Exists(Path.Combine(_folder, "scoring-ledger.db")));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, JobsHostBuilder.DefaultLedgerPath)));
    }

    [Theory]
    [InlineData("--JobsHost:PollInterval=00:00:00", "JobsHost:PollInterval:")]
    [InlineData("--JobsHost:HoldingsPath=holdings.jsonl", "moved to Scoring:Jobs:HoldingsPath")]
    [InlineData("--Scoring:Jobs:HoldingsPath=missing-holdings.jsonl", "missing-holdings.jsonl")]
    [InlineData("--Scoring:Jobs:EpochGrace=-00:00:01", "Jobs:EpochGrace")]
    [InlineData("--Scoring:Jobs:EpochLength=abc", "'abc' at 'Scoring:Jobs:EpochLength'")]
    [InlineData("--Scoring:Jobs:HoldingsPath=/dev/zero", "/dev/zero: line 1: longer than 65536 characters")]
    [InlineData("--Scoring:RuleSets:Files:0=/dev/zero", "the document is more than 1048576 bytes")]
    [InlineData("--JobsHost:JobsPath=folder", "JobsHost:JobsPath: is a folder")]
    [InlineData("--Scoring:Ledger:Path=folder", "SQLite Error 14")]
    [InlineData("--Scoring:Ledger:Path=jobs.jsonl/ledger.db", "jobs.jsonl' already exists")]
    [InlineData("--Scoring:Ledger:Store=Oracle", "Scoring:Ledger:Store")]
    public async Task ABadSettingIsOneLineAndExitCodeOne(string setting, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "folder"));
        File.WriteAllText(Jobs, "");
        var error = new StringWriter();

        int exitCode = await JobsHostBuilder.RunAsync(
            [$"--contentRoot={_folder}", "--Scoring:Ledger:Path=ledger.db", "--Logging:LogLevel:Default=None", "--JobsHost:PollInterval=00:00:00.020", setting],
            error,
            cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.Equal(1, exitCode);
        string text = error.ToString();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private static async Task<int> StopAsync(Task<int> run)
    {
        await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20)));
        return run.IsCompleted ? await run : throw new TimeoutException("the host did not stop");
    }
}
