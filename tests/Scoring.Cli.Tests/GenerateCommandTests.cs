using System.Diagnostics;
using System.Security.Cryptography;
using Scoring.Cli;
using Scoring.Cli.Generation;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Scoring.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("scoring-generate-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string Generate(string scheme, long count, ulong seed, long badLines = 0)
    {
        var path = Path.Combine(_directory.FullName, $"{scheme}-{count}-{seed}-{badLines}-{Guid.NewGuid():N}.jsonl");
        var exitCode = ScoringCommandLine.Build()
            .Parse(["generate", "--scheme", scheme, "--count", $"{count}", "--seed", $"{seed}", "--output", path, "--bad-lines", $"{badLines}"])
            .Invoke(new() { Error = new StringWriter() });
        Assert.Equal(0, exitCode);
        return path;
    }

    // The decoder every command uses: the registered schemes' report types.
    private static readonly ReportDecoder Decoder = new SchemeRegistry([new SwarmScheme(), new JobsScheme(), new ProofOfGpuScheme()]).Decoder;

    private static List<DecodedLine> Decode(string path)
    {
        using var stream = File.OpenRead(path);
        return Decoder.Decode(stream).ToList();
    }

    private static List<T> Reports<T>(List<DecodedLine> lines)
        where T : Report
    {
        Assert.All(lines, line => Assert.True(line.IsReport, line.Error?.ToString()));
        return lines.Select(line => Assert.IsAssignableFrom<T>(line.Report)).ToList();
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Theory]
    [InlineData("swarm")]
    [InlineData("jobs")]
    [InlineData("pog")]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(string scheme)
    {
        var first = Hash(Generate(scheme, 2_000, 7, badLines: 25));
        var second = Hash(Generate(scheme, 2_000, 7, badLines: 25));
        var otherSeed = Hash(Generate(scheme, 2_000, 8, badLines: 25));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Theory]
    [InlineData("swarm")]
    [InlineData("jobs")]
    [InlineData("pog")]
    public void Writes_count_valid_reports_with_unique_ids(string scheme)
    {
        var lines = Decode(Generate(scheme, 3_000, 11));

        var reports = Reports<Report>(lines);
        Assert.Equal(3_000, reports.Count);
        Assert.Equal(reports.Count, reports.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 3_000).Select(i => (long)i), lines.Select(l => l.LineNumber));
    }

    [Theory]
    [InlineData("swarm")]
    [InlineData("jobs")]
    [InlineData("pog")]
    public void Bad_lines_are_rejected_each_kind_appears_and_the_good_lines_stay_the_same(string scheme)
    {
        var clean = Decode(Generate(scheme, 1_000, 3));
        var dirty = Decode(Generate(scheme, 1_000, 3, badLines: 30));

        var errors = dirty.Where(l => !l.IsReport).ToList();
        Assert.Equal(30, errors.Count);
        Assert.Equal(1_030, dirty.Count);
        Assert.Equal(clean.Select(l => l.Report), dirty.Where(l => l.IsReport).Select(l => l.Report));
        Assert.True(errors.Select(e => e.Error!.Reason).Distinct().Count() >= 8, string.Join("\n", errors.Select(e => e.Error)));
        Assert.True(errors.Select(e => e.LineNumber).Distinct().Count() == 30);
    }

    [Fact]
    public void Bad_lines_only_is_allowed()
    {
        var lines = Decode(Generate("pog", 0, 1, badLines: 12));
        Assert.Equal(12, lines.Count);
        Assert.All(lines, l => Assert.False(l.IsReport));
    }

    [Fact]
    public void Swarm_has_many_accounts_heartbeats_every_30_to_60_seconds_gaps_and_restarts()
    {
        var reports = Reports<SwarmPeerReport>(Decode(Generate("swarm", 5_000, 1)));

        var accounts = reports.Select(r => r.Account).Distinct().Count();
        var peers = reports.GroupBy(r => r.PeerId).ToList();
        Assert.InRange(accounts, 20, 80);
        Assert.True(peers.Count > accounts * 3 / 2, $"{peers.Count} peers for {accounts} accounts");
        Assert.True(peers.All(p => p.Select(r => r.Account).Distinct().Count() == 1), "a peer belongs to one account");

        var intervals = peers.SelectMany(p => p.OrderBy(r => r.Timestamp).Zip(p.OrderBy(r => r.Timestamp).Skip(1), (a, b) => b.Timestamp - a.Timestamp)).ToList();
        var regular = intervals.Count(i => i is >= 30 and <= 60);
        Assert.True(regular > intervals.Count * 9 / 10, $"{regular} of {intervals.Count} intervals in 30..60 s");
        Assert.Contains(intervals, i => i > 120);
        Assert.True(intervals.All(i => i >= 30), "no two heartbeats of a peer closer than 30 s");

        var resets = peers.Sum(p => p.Where(r => r.CumulativeFlops is not null).OrderBy(r => r.Timestamp)
            .Zip(p.Where(r => r.CumulativeFlops is not null).OrderBy(r => r.Timestamp).Skip(1), (a, b) => b.CumulativeFlops < a.CumulativeFlops ? 1 : 0).Sum());
        Assert.True(resets > 0, "some counters reset");
        Assert.Contains(reports, r => r.CumulativeFlops is null);
        Assert.Contains(reports, r => r.FlopsSinceLast is null);
        Assert.Equal(reports.OrderBy(r => r.Timestamp).Select(r => r.Id), reports.Select(r => r.Id));
        Assert.Equal(1767225600, reports.Min(r => r.Timestamp), 0.5e3);
        Assert.True(reports.Max(r => r.Timestamp) - reports.Min(r => r.Timestamp) > 2 * 3600, "spans hours");
    }

    [Fact]
    public void Jobs_mix_categories_models_gpus_and_include_late_jobs()
    {
        var reports = Reports<Report>(Decode(Generate("jobs", 5_000, 1)));
        var images = reports.OfType<ImageJobReport>().ToList();
        var llms = reports.OfType<LlmJobReport>().ToList();

        Assert.InRange(images.Count, 2_700, 3_300);
        Assert.Equal(["flux", "sd15", "sd15-lora", "sdxl", "sdxl-lora"], images.Select(i => i.Category).Distinct().Order());
        Assert.Equal(
            ["dolphin-2.9-llama3-8b", "hermes-3-llama3.1-8b", "openhermes-mixtral-8x7b-gptq", "theia-llama-3.1-8b"],
            llms.Select(l => l.Model).Distinct().Order());
        Assert.True(images.Select(i => i.GpuVramGb).Concat(llms.Select(l => l.GpuVramGb)).Distinct().Count() >= 5);
        Assert.Contains(images, i => i.LatencySeconds > 18);
        Assert.Contains(llms, l => l.LatencySeconds > 180);
        Assert.True(images.Count(i => i.LatencySeconds > 18) < images.Count / 10, "most jobs are on time");

        var minersPerWallet = images.Select(i => (i.Wallet, i.MinerId)).Concat(llms.Select(l => (l.Wallet, l.MinerId)))
            .Distinct().GroupBy(x => x.Wallet).Select(g => g.Count()).ToList();
        Assert.Contains(minersPerWallet, n => n > 3);
        Assert.Contains(minersPerWallet, n => n == 1);
    }

    [Fact]
    public void Pog_mixes_table_gpus_unknown_names_counts_flags_and_external_results()
    {
        var reports = Reports<ProofOfGpuReport>(Decode(Generate("pog", 3_000, 1)));
        string[] table =
        [
            "NVIDIA B200", "NVIDIA H200", "NVIDIA H100 80GB HBM3", "NVIDIA H100", "NVIDIA A100-SXM4-80GB",
            "NVIDIA GeForce RTX 4090", "NVIDIA RTX A5000", "NVIDIA L4",
        ];

        Assert.Equal(256, reports.Select(r => r.Uid).Distinct().Count());
        Assert.All(table, name => Assert.Contains(reports, r => r.GpuName == name));
        Assert.Contains(reports, r => !table.Contains(r.GpuName));
        Assert.All(reports, r => Assert.InRange(r.GpuCount, 1, 16));
        Assert.Contains(reports, r => r.GpuCount > 8);
        Assert.Contains(reports, r => !r.Queryable);
        Assert.Contains(reports, r => r.Penalized);
        Assert.Contains(reports, r => r.Allocated);
        var external = reports.Where(r => r.Source == ProofOfGpuSource.External).ToList();
        Assert.InRange(external.Count, reports.Count / 20, reports.Count / 4);
        Assert.All(external, r => Assert.InRange(r.Score!.Value, 0, 1));
        Assert.Contains(external, r => r.Timestamp is null);
        Assert.Contains(reports, r => r.Hotkey != reports.First(x => x.Uid == r.Uid).Hotkey); // re-registrations
    }

    [Fact]
    public void Data_sets_are_generated_lazily()
    {
        // Ten billion reports: only what is taken may be produced.
        foreach (var scheme in SyntheticDataSet.Schemes)
        {
            Assert.Equal(5, SyntheticDataSet.Reports(scheme, 10_000_000_000, 1).Take(5).Count());
        }
    }

    [Theory]
    [InlineData("generate", "--scheme", "video", "--count", "1", "--seed", "1")]
    [InlineData("generate", "--scheme", "swarm", "--count", "-1", "--seed", "1")]
    [InlineData("generate", "--scheme", "swarm", "--count", "1")]
    [InlineData("generate", "--scheme", "swarm", "--count", "1", "--seed", "1", "--bad-lines", "-2")]
    [InlineData("generate", "--count", "1", "--seed", "1")]
    public void Rejects_bad_arguments(params string[] args)
    {
        var error = new StringWriter();
        var exitCode = ScoringCommandLine.Build().Parse(args).Invoke(new() { Error = error, Output = new StringWriter() });
        Assert.NotEqual(0, exitCode);
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public void An_unwritable_output_is_an_error_not_a_crash()
    {
        var error = new StringWriter();
        var path = Path.Combine(_directory.FullName, "missing", "dir", "x.jsonl");
        var exitCode = ScoringCommandLine.Build()
            .Parse(["generate", "--scheme", "pog", "--count", "1", "--seed", "1", "--output", path])
            .Invoke(new() { Error = error });
        Assert.Equal(1, exitCode);
        Assert.Contains("cannot write", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_output_gets_the_same_bytes_as_a_file()
    {
        var file = Generate("jobs", 300, 5, badLines: 3);
        var cli = Path.Combine(AppContext.BaseDirectory, "scoring.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [cli, "generate", "--scheme", "jobs", "--count", "300", "--seed", "5", "--bad-lines", "3"])
        {
            RedirectStandardOutput = true,
        })!;
        var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(File.ReadAllBytes(file), stdout.ToArray());
    }
}
