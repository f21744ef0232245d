using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Gpu.Tests;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Rules.Tests.DependencyInjection;

/// <summary>The built-in schemes in a host: registration, options bound and validated at start, rule-set files, backends.</summary>
[Collection(OpenClCollection.Name)]
public sealed class ScoringBuilderRulesTests : IDisposable
{
    private const string MixtralJob =
        """{"type":"llm","jobId":"j1","minerId":"m1","wallet":"w1","model":"openhermes-mixtral-8x7b-gptq","inputTokens":1500,"outputTokens":500,"gpuVramGb":48,"latencySeconds":12,"timestamp":1767225600}""";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scoring-rules-di-" + Guid.NewGuid().ToString("N"));

    public ScoringBuilderRulesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<ScoringBuilder> configure)
    {
        // A host with the SDK alone must choose its ledger; these tests use the in-memory one unless they say otherwise.
        settings.TryAdd("Scoring:Ledger:Store", "InMemory");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddScoring(configure);
        return services.BuildServiceProvider();
    }

    private static void Start(ServiceProvider provider) => provider.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>Scores one input with a registered points scheme, the way a host does: all from DI.</summary>
    private static async Task<IngestionSummary> ScoreAsync(ServiceProvider provider, string scheme, params string[] lines)
    {
        var registry = provider.GetRequiredService<SchemeRegistry>();
        using var scorer = ((PointsScheme)registry.Get(scheme)).CreateScorer(provider.GetRequiredService<SchemeContext>());
        return await provider.GetRequiredService<ReportIngestion>().RunAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), registry.Decoder, scorer, provider.GetRequiredService<ILedgerStore>());
    }

    private string Document(RuleSet ruleSet, string name)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, RuleSetDocument.Write(ruleSet));
        return path;
    }

    [Fact]
    public void AddBuiltInSchemesRegistersTheThreeSchemesAndEveryReportType()
    {
        using var provider = Build(new(), b => b.AddBuiltInSchemes());
        Start(provider);
        var registry = provider.GetRequiredService<SchemeRegistry>();
        Assert.Equal(["swarm", "jobs", "pog"], registry.Schemes.Select(s => s.Name));
        Assert.Equal(["image", "llm", "pog", "swarm"], registry.Decoder.Types.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["jobs-boosts", "jobs-image", "jobs-llm", "pog-score", "swarm-points"],
            provider.GetRequiredService<SchemeContext>().RuleSets.Ids.Order(StringComparer.Ordinal));

        // The plug-in registration registers the same, once, even next to the extension methods.
        using var plugIn = Build(new(), b =>
        {
            new BuiltInSchemes().Register(b);
            b.AddSwarm();
        });
        Assert.Equal(["swarm", "jobs", "pog"], plugIn.GetRequiredService<SchemeRegistry>().Schemes.Select(s => s.Name));
    }

    [Fact]
    public void AddSwarmBindsScoringSwarmAndTheCodeConfigurationWins()
    {
        using var provider = Build(new() { ["Scoring:Swarm:PeerCap"] = "3", ["Scoring:Swarm:ReorderWindow"] = "00:00:10" }, b => b.AddSwarm(o => o.PresenceTimeout = TimeSpan.FromMinutes(5)));
        Start(provider);
        var scheme = Assert.IsType<SwarmScheme>(provider.GetRequiredService<SchemeRegistry>().Get(SwarmScheme.SchemeName));
        Assert.Equal((3, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)), (scheme.Options.PeerCap, scheme.Options.ReorderWindow, scheme.Options.PresenceTimeout));
        Assert.Equal("Scoring:Swarm", scheme.ConfigurationSection);
    }

    [Fact]
    public void ABadSwarmValueFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Swarm:PeerCap"] = "0" }, b => b.AddSwarm());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("Swarm:PeerCap must be at least 1 (got 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddJobsBindsScoringJobsAndARegisteredSnapshotWinsOverTheHoldingsFile()
    {
        var snapshot = new WalletSnapshot([new WalletHoldings(1, "w1", 2, 0)]);
        using var provider = Build(new() { ["Scoring:Jobs:EpochGrace"] = "00:30:00", ["Scoring:Jobs:HoldingsPath"] = Path.Combine(_folder, "absent.jsonl") }, b =>
        {
            b.Services.AddSingleton(snapshot);
            b.AddJobs();
        });
        Start(provider);
        var scheme = Assert.IsType<JobsScheme>(provider.GetRequiredService<SchemeRegistry>().Get(JobsScheme.SchemeName));
        Assert.Equal(TimeSpan.FromMinutes(30), scheme.Options.EpochGrace);
        Assert.Same(snapshot, scheme.Holdings);
    }

    [Fact]
    public void ABadJobsValueFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Jobs:EpochLength"] = "00:00:00.5" }, b => b.AddJobs());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("Jobs:EpochLength must be at least 1 second", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    [InlineData("auto")]
    public async Task AddJobsScoresOnTheConfiguredBackendWithTheSamePoints(string backend)
    {
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory" }, b => b.UseBackend(backend).AddJobs());
        Start(provider);
        Assert.Equal(1, (await ScoreAsync(provider, JobsScheme.SchemeName, MixtralJob)).Scored);
        Assert.Equal(Points.FromWhole(2), (await provider.GetRequiredService<ILedgerStore>().GetAccountTotalsAsync("w1", scheme: JobsScheme.LlamaCurrency))!.Total);
    }

    [OpenClFact]
    public async Task WithScoringGpuTheOpenClBackendScoresTheSamePoints()
    {
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory", ["Scoring:Evaluation:Backend"] = "opencl" }, b => b.UseOpenCl().AddJobs());
        Start(provider);
        Assert.Equal(1, (await ScoreAsync(provider, JobsScheme.SchemeName, MixtralJob)).Scored);
        Assert.Equal(Points.FromWhole(2), (await provider.GetRequiredService<ILedgerStore>().GetAccountTotalsAsync("w1", scheme: JobsScheme.LlamaCurrency))!.Total);
    }

    [Fact]
    public void AnOpenClBackendWithoutScoringGpuFailsAtStartSayingWhatIsMissing()
    {
        using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory" }, b => b.UseBackend("opencl").AddJobs());
        var error = Assert.Throws<OptionsValidationException>(() => Start(provider));
        Assert.Contains("Scoring.Gpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProofOfGpuWithAValidatorsTableAsARuleSetFile()
    {
        var version = ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance:\n  gpu_scores:\n    Test GPU: 2.0\n    Other GPU: 1.0\n"), "config.yaml");
        string path = Document(version, "pog-score.json");
        using var provider = Build(new() { ["Scoring:RuleSets:Files:0"] = path }, b => b.AddProofOfGpu());
        Start(provider);
        var scheme = Assert.IsType<ProofOfGpuScheme>(provider.GetRequiredService<SchemeRegistry>().Get(ProofOfGpuScheme.SchemeName));
        var context = provider.GetRequiredService<SchemeContext>();
        Assert.Equal(["1+config.yaml"], context.RuleSets.Versions(ProofOfGpuScheme.RuleSetId).Select(v => v.RuleSet.Version));
        var round = (ProofOfGpuRound)scheme.ScoreRound([new ReportInput(1, new ProofOfGpuReport("r", 1, "5Hot", "Other GPU", 8, true, false, false, ProofOfGpuSource.Local, null, null))], context);
        Assert.Equal(0.5, round.Miners.Single().Score);
    }

    [Fact]
    public async Task ASwarmPointsFileReplacesTheBuiltInRatesForEveryReport()
    {
        var builtIn = new SwarmScheme().RuleSets.Single();
        var doubled = new RuleSet(SwarmPointsInputs.RuleSetId, "double-rate", "Two points per PFLOP.", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
            builtIn.Inputs,
            builtIn.Parameters.Select(p => p.Name == "flopsPerPoint" ? new RuleParameter(p.Name, ScalarValue.FromDouble(5e14)) : p).ToArray(),
            builtIn.Tables, builtIn.Tiers, builtIn.Rules, builtIn.Outputs);
        string path = Document(doubled, "swarm-points.json");
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory", ["Scoring:RuleSets:Files:0"] = path }, b => b.AddSwarm());
        Start(provider);
        await ScoreAsync(provider, SwarmScheme.SchemeName,
            """{"type":"swarm","peerId":"p1","account":"alice","cumulativeFlops":0,"timestamp":1767225600}""",
            """{"type":"swarm","peerId":"p1","account":"alice","cumulativeFlops":3e15,"timestamp":1767225660}""");
        var alice = (await provider.GetRequiredService<ILedgerStore>().GetAccountTotalsAsync("alice", scheme: SwarmScheme.SchemeName))!;
        Assert.Equal(Points.FromWhole(6), alice.Parts.Of(SwarmScheme.ComputeKind));
    }
}
