using Microsoft.Extensions.DependencyInjection;

namespace Pog.Validator.Tests;

/// <summary>The validator as the program runs it: settings from the command line, failures as one line and exit code 1.</summary>
public sealed class HostTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pog-host-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<int> RunAsync(TextWriter error, CancellationToken cancellationToken, params string[] settings) => ValidatorHost.RunAsync(
        [$"--contentRoot={_folder}", "--Logging:LogLevel:Default=None", "--Validator:BlockTime=00:00:00.050", .. settings],
        error,
        builder => builder.Services.AddSingleton<TextWriter>(TextWriter.Null),
        cancellationToken);

    [Fact]
    public async Task RelativePathsAreRelativeToTheContentRoot()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "results"));
        File.WriteAllText(Path.Combine(_folder, "results", "round.jsonl"), ValidatorWorkerTests.Result(1, 8) + "\n");
        File.WriteAllText(Path.Combine(_folder, "config.yaml"), "gpu_performance:\n  gpu_scores:\n    NVIDIA H100 80GB HBM3: 2.0\n");
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();

        var run = RunAsync(error, stop.Token, "--Validator:InputFolder=results", "--Validator:OutputPath=weights.out", "--Validator:GpuConfig=config.yaml");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ValidatorWorkerTests.ReadSets(Path.Combine(_folder, "weights.out")).Count == 0 && !run.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal("", error.ToString());
        Assert.Equal([1], ValidatorWorkerTests.ReadSets(Path.Combine(_folder, "weights.out"))[0].EmissionUids);
    }

    [Theory]
    [InlineData("--Validator:BlockTime=00:00:00", "error: Validator:BlockTime:")]
    [InlineData("--Validator:GpuConfig=missing.yaml", "missing.yaml")]
    [InlineData("--Validator:GpuConfig=quoted.yaml", "quoted.yaml:3: the score of 'B' must be a plain number")]
    [InlineData("--Scoring:ProofOfGpu:MaxGpus=lots", "error: Scoring:ProofOfGpu:MaxGpus: 'lots' is not a whole number.")]
    [InlineData("--Scoring:ProofOfGpu:AllocationMultiplier=-1", "error: Scoring:ProofOfGpu: allocationMultiplier must be a number from 0 to 1000")]
    [InlineData("--Validator:BlockTime=abc", "error: Failed to convert configuration value 'abc' at 'Validator:BlockTime'")]
    [InlineData("--Validator:MaxWeight=NaN", "error: Validator:MaxWeight:")]
    [InlineData("--Validator:BurnUid=70000", "error: Validator:BurnUid:")]
    [InlineData("--Validator:GpuConfig=/dev/zero", "error: Validator:GpuConfig '/dev/zero' is larger than 1 MiB")]
    [InlineData("--Validator:GpuConfig=results", "is a folder, not a file")]
    [InlineData("--Scoring:RuleSets:Files:0=/dev/zero", "the document is more than 1048576 bytes")]
    [InlineData("--Validator:InputFolder=quoted.yaml", "error: Validator:InputFolder: is a file")]
    [InlineData("--Validator:OutputPath=results", "error: Validator:OutputPath: is a folder")]
    [InlineData("--Validator:OutputPath=missing/weights.jsonl", "error: Validator:OutputPath: its folder does not exist")]
    public async Task ABadSettingIsOneLineAndExitCodeOne(string setting, string expected)
    {
        File.WriteAllText(Path.Combine(_folder, "quoted.yaml"), "gpu_performance:\n  gpu_scores:\n    B: \"2.0\"\n");
        Directory.CreateDirectory(Path.Combine(_folder, "results"));
        var error = new StringWriter();

        int exitCode = await RunAsync(error, CancellationToken.None, setting);

        AssertOneLine(exitCode, error.ToString(), expected);
    }

    [Fact]
    public async Task WithoutSettingsTheFilesAreTheDocumentedOnesInTheContentRoot()
    {
        // A content root without appsettings.json (the validator started from another folder): results are read from
        // its pog-results folder and weights appended to its weights.jsonl, as docs/hosts.md says, never elsewhere.
        Directory.CreateDirectory(Path.Combine(_folder, "pog-results"));
        File.WriteAllText(Path.Combine(_folder, "pog-results", "round.jsonl"), ValidatorWorkerTests.Result(1, 8) + "\n");
        using var stop = new CancellationTokenSource();
        var run = ValidatorHost.RunAsync(
            [$"--contentRoot={_folder}", "--Logging:LogLevel:Default=None", "--Validator:BlockTime=00:00:00.050"],
            TextWriter.Null,
            builder => builder.Services.AddSingleton<TextWriter>(TextWriter.Null),
            stop.Token);
        string weights = Path.Combine(_folder, "weights.jsonl");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (ValidatorWorkerTests.ReadSets(weights).Count == 0 && !run.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Equal([1], ValidatorWorkerTests.ReadSets(weights)[0].EmissionUids);
    }

    [Fact]
    public async Task TwoGpuTablesAreRefused()
    {
        File.WriteAllText(Path.Combine(_folder, "config.yaml"), "gpu_performance:\n  gpu_scores:\n    A: 1.0\n");
        var error = new StringWriter();

        int exitCode = await RunAsync(error, CancellationToken.None, "--Validator:GpuConfig=config.yaml", "--Scoring:ProofOfGpu:MaxGpus=4");

        AssertOneLine(exitCode, error.ToString(), "error: Validator:GpuConfig and Scoring:ProofOfGpu both set the GPU score table: keep one.");
    }

    private static void AssertOneLine(int exitCode, string text, string expected)
    {
        Assert.Equal(1, exitCode);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
