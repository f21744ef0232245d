using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Evaluation.Batch;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Schemes;

namespace Scoring.Sdk.Tests.DependencyInjection;

public sealed class AddScoringTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<ScoringBuilder>? configure = null)
    {
        // A host with the SDK alone must choose its ledger; these tests use the in-memory one unless they say otherwise.
        settings.TryAdd("Scoring:Ledger:Store", "InMemory");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddScoring(configure);
        return services.BuildServiceProvider();
    }

    private static OptionsValidationException StartFails(ServiceProvider provider) =>
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

    [Fact]
    public async Task ConfiguredInMemoryLedgerAndIngestionResolve()
    {
        await using var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory", ["Scoring:Ingestion:BatchSize"] = "7" });
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<InMemoryLedgerStore>(await Assert.IsType<DeferredLedgerStore>(provider.GetRequiredService<ILedgerStore>()).OpenAsync());
        Assert.Equal(7, provider.GetRequiredService<IOptions<IngestionOptions>>().Value.BatchSize);
        Assert.Same(provider.GetRequiredService<ReportIngestion>(), provider.GetRequiredService<ReportIngestion>());
    }

    [Fact]
    public async Task APlainServiceCollectionWithoutConfigurationScoresInMemory()
    {
        var services = new ServiceCollection();
        services.AddScoring(b => b.UseInMemoryLedger().AddScheme<MeterScheme>());
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var registry = provider.GetRequiredService<SchemeRegistry>();
        using var scorer = ((PointsScheme)registry.Get(MeterScheme.SchemeName)).CreateScorer(provider.GetRequiredService<SchemeContext>());
        var ledger = provider.GetRequiredService<ILedgerStore>();
        const string Line = """{"type":"meter","id":"a","meterId":"m1","account":"acc","kwh":1,"pulses":1,"timestamp":1767225600}""";
        var summary = await provider.GetRequiredService<ReportIngestion>()
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(Line)), registry.Decoder, scorer, ledger, settle: true);

        Assert.Equal((1, 0), (summary.Read, summary.Rejected));
        Assert.True(await ledger.ContainsReportAsync(MeterScheme.SchemeName, "m1", "a"));
    }

    [Fact]
    public async Task UseSqliteOverridesConfigurationAndOpensTheFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "scoring-di-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(folder, "ledger.db");
        try
        {
            await using (var provider = Build(new() { ["Scoring:Ledger:Store"] = "InMemory" }, b => b.UseSqlite(path)))
            {
                var ledger = provider.GetRequiredService<ILedgerStore>();
                Assert.Equal(0, (await ledger.GetSummaryAsync()).Entries);
                var store = Assert.IsType<SqliteLedgerStore>(await Assert.IsType<DeferredLedgerStore>(ledger).OpenAsync());
                Assert.Equal(Path.GetFullPath(path), store.Path);
            }
            Assert.True(File.Exists(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void BadBatchSizeFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Ingestion:BatchSize"] = "0" });
        var error = StartFails(provider);
        Assert.Contains("Scoring:Ingestion:BatchSize:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteWithoutPathFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Ledger:Store"] = "Sqlite", ["Scoring:Ledger:Path"] = " " });
        var error = StartFails(provider);
        Assert.Contains("Scoring:Ledger:Path: is required when Store is Sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresWithoutConnectionStringFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Ledger:Store"] = "Postgres" }, b => b.AddPostgresLedger());
        var error = StartFails(provider);
        Assert.Contains("Scoring:Ledger:ConnectionString: is required when Store is Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownBackendFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Evaluation:Backend"] = "cuda" });
        var error = StartFails(provider);
        Assert.Contains("Scoring:Evaluation:Backend 'cuda' is not offered by this host; use one of auto, scalar, simd.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenClInACpuOnlyHostFailsAtStartSayingWhatToAdd()
    {
        using var provider = Build(new() { ["Scoring:Evaluation:Backend"] = "OpenCL" });
        var error = StartFails(provider);
        Assert.Contains("Backend 'OpenCL' is not offered by this host", error.Message, StringComparison.Ordinal);
        Assert.Contains("Scoring.Gpu package: reference it and call UseOpenCl()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceInACpuOnlyHostFailsAtStart()
    {
        using var provider = Build(new() { ["Scoring:Evaluation:Device"] = "0" });
        Assert.Contains("Scoring:Evaluation:Device selects an OpenCL device", StartFails(provider).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeDeviceFailsAtStartNamingTheKey()
    {
        using var provider = Build(new() { ["Scoring:Evaluation:Device"] = "-1" });
        Assert.Contains("Scoring:Evaluation:Device", StartFails(provider).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCpuEvaluatorFactoryIsRegisteredByDefault()
    {
        using var provider = Build(new());
        Assert.IsType<CpuBatchEvaluatorFactory>(provider.GetRequiredService<IBatchEvaluatorFactory>());
    }

    [Fact]
    public void UseBackendOverridesConfiguration()
    {
        using var provider = Build(new() { ["Scoring:Evaluation:Backend"] = "cuda" }, b => b.UseInMemoryLedger().UseBackend("SIMD"));
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("SIMD", provider.GetRequiredService<IOptions<EvaluationOptions>>().Value.Backend);
    }

    [Fact]
    public void UnknownStoreKindNamesTheKey()
    {
        using var provider = Build(new() { ["Scoring:Ledger:Store"] = "Oracle" });
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Scoring:Ledger:Store", error.Message, StringComparison.Ordinal);
    }
}
