using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.DependencyInjection;

public sealed class ScoringBuilderRulesTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<ScoringBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddScoring(configure);
        return services.BuildServiceProvider();
    }

    private static void Start(ServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public async Task AddSwarmBindsScoringSwarmAndRegistersOneScorer()
    {
        await using var provider = Build(new() { ["Scoring:Swarm:PeerCap"] = "3", ["Scoring:Ledger:Store"] = "InMemory" }, b => b.AddSwarm());
        Start(provider);
        Assert.Equal(3, provider.GetRequiredService<IOptions<SwarmOptions>>().Value.PeerCap);
        var scorer = provider.GetRequiredService<SwarmScorer>();
        Assert.Same(scorer, provider.GetRequiredService<IReportScorer>());
    }

    [Fact]
    public async Task ABadPeerCapFailsAtStartNamingTheKey()
    {
        await using var provider = Build(new() { ["Scoring:Swarm:PeerCap"] = "0" }, b => b.AddSwarm());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("PeerCap must be at least 1 (got 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddJobsBindsScoringJobsAndUsesTheRegisteredHoldings()
    {
        await using var provider = Build(new() { ["Scoring:Jobs:GpusPerNft"] = "5", ["Scoring:Ledger:Store"] = "InMemory" }, b =>
        {
            b.Services.AddSingleton(WalletSnapshot.Empty);
            b.AddJobs();
        });
        Start(provider);
        Assert.Equal(5, provider.GetRequiredService<IOptions<JobsOptions>>().Value.GpusPerNft);
        Assert.Same(provider.GetRequiredService<JobsScorer>(), provider.GetRequiredService<IReportScorer>());
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    [InlineData("auto")]
    public async Task AddJobsEvaluatesWithTheConfiguredBackendAndTheSamePoints(string backend)
    {
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory" }, b => b.UseBackend(backend).AddJobs());
        var scorer = provider.GetRequiredService<JobsScorer>();
        var output = new Scoring.Ingestion.ScoredBatch();
        var job = new Scoring.Reports.LlmJobReport("j1", "m1", "w1", "openhermes-mixtral-8x7b-gptq", 1500, 500, 48, 12, 1_767_225_600);
        scorer.Score([new Scoring.Ingestion.ReportInput(1, job)], output);
        Assert.Equal(Points.FromWhole(2), Assert.Single(output.Reports).Postings[0].Amount);
    }

    [Fact]
    public async Task AnOpenClBackendWithoutScoringGpuFailsAtStartSayingWhatIsMissing()
    {
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory" }, b => b.UseBackend("opencl").AddJobs());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("Scoring.Gpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadJobsValueFailsAtStart()
    {
        await using var provider = Build(new() { ["Scoring:Jobs:GpusPerNft"] = "0" }, b => b.AddJobs());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("GpusPerNft", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddProofOfGpuBindsScoringProofOfGpu()
    {
        await using var provider = Build(new()
        {
            ["Scoring:ProofOfGpu:MaxGpus"] = "4",
            ["Scoring:ProofOfGpu:GpuScores:0:Name"] = "Test GPU",
            ["Scoring:ProofOfGpu:GpuScores:0:Score"] = "2",
        }, b => b.AddProofOfGpu());
        Start(provider);
        var scorer = provider.GetRequiredService<ProofOfGpuScorer>();
        Assert.True(scorer.Table.TryGetScore("Test GPU", out double score));
        Assert.Equal(2.0, score);
        Assert.Equal(4, provider.GetRequiredService<IOptions<ProofOfGpuOptions>>().Value.MaxGpus);
    }

    [Fact]
    public async Task ABadProofOfGpuValueFailsAtStart()
    {
        await using var provider = Build(new() { ["Scoring:ProofOfGpu:MaxGpus"] = "0" }, b => b.AddProofOfGpu());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("MaxGpus", error.Message, StringComparison.Ordinal);
    }
}
