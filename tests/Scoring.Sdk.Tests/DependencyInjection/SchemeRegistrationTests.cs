using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Schemes;

namespace Scoring.Sdk.Tests.DependencyInjection;

/// <summary>How a scheme plugs into a host: registration, the registry and context DI builds, operator rule-set documents.</summary>
public sealed class SchemeRegistrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scoring-schemes-" + Guid.NewGuid().ToString("N"));

    public SchemeRegistrationTests() => Directory.CreateDirectory(_folder);

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

    private string Document(RuleSet ruleSet, string name)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, RuleSetDocument.Write(ruleSet));
        return path;
    }

    [Fact]
    public void A_registered_scheme_is_in_the_registry_once_with_its_built_in_rule_sets_in_the_context()
    {
        using var provider = Build(new(), b => b.AddScheme<MeterScheme>().AddScheme<MeterScheme>());
        var registry = provider.GetRequiredService<SchemeRegistry>();
        Assert.IsType<MeterScheme>(Assert.Single(registry.Schemes));
        var context = provider.GetRequiredService<SchemeContext>();
        Assert.Equal([MeterScheme.Energy().ContentHash], context.RuleSets.Versions(MeterScheme.RuleSetId).Select(v => v.ContentHash));
    }

    [Fact]
    public void A_scheme_instance_and_a_plug_in_registration_register_like_AddScheme()
    {
        var scheme = new MeterScheme();
        using (var provider = Build(new(), b => b.AddScheme(scheme)))
            Assert.Same(scheme, provider.GetRequiredService<SchemeRegistry>().Get(MeterScheme.SchemeName));
        using (var provider = Build(new(), b => new MeterRegistration().Register(b)))
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            Assert.IsType<MeterScheme>(provider.GetRequiredService<SchemeRegistry>().Get(MeterScheme.SchemeName));
            Assert.Equal(0.5, provider.GetRequiredService<IOptions<MeterOptions>>().Value.Tariff);
        }
    }

    [Fact]
    public void A_schemes_options_are_validated_at_start_and_the_message_names_the_configuration_key()
    {
        using var provider = Build(new() { ["Scoring:Meter:Tariff"] = "7" }, b => new MeterRegistration().Register(b));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Scoring:Meter:Tariff: The field Tariff must be between 0 and 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_set_file_replaces_the_built_in_version_of_its_id()
    {
        string path = Document(MeterScheme.Energy(rate: 2.5, version: "ops-1"), "meter-energy.json");
        await using var provider = Build(new() { ["Scoring:RuleSets:Files:0"] = path, ["Scoring:Ledger:Store"] = "InMemory" }, b => b.AddScheme<MeterScheme>());
        var context = provider.GetRequiredService<SchemeContext>();
        Assert.Equal(["ops-1"], context.RuleSets.Versions(MeterScheme.RuleSetId).Select(v => v.RuleSet.Version));

        var registry = provider.GetRequiredService<SchemeRegistry>();
        using var scorer = ((PointsScheme)registry.Get(MeterScheme.SchemeName)).CreateScorer(context);
        var ledger = provider.GetRequiredService<ILedgerStore>();
        await provider.GetRequiredService<ReportIngestion>().RunAsync(
            new MemoryStream(Encoding.UTF8.GetBytes("""{"type":"meter","id":"a","meterId":"m1","account":"acc","kwh":2,"pulses":1,"timestamp":1767225600}""")),
            registry.Decoder, scorer, ledger, settle: false);
        Assert.Equal(Points.FromWhole(5), (await ledger.GetAccountTotalsAsync("acc"))!.Total);
        var entry = await ledger.ListEntriesAsync(new EntryQuery { Account = "acc" }).SingleAsync();
        Assert.Equal(MeterScheme.Energy(rate: 2.5, version: "ops-1").ContentHash, entry.RuleSetHash);
    }

    [Fact]
    public void A_rule_set_file_that_does_not_compile_or_that_no_scheme_uses_fails_naming_it()
    {
        string broken = Path.Combine(_folder, "broken.json");
        File.WriteAllText(broken, RuleSetDocument.Write(MeterScheme.Energy()).Replace("kwh * rate", "kwh * ", StringComparison.Ordinal));
        using (var provider = Build(new() { ["Scoring:RuleSets:Files:0"] = broken }, b => b.AddScheme<MeterScheme>()))
        {
            var error = Assert.Throws<RuleSetException>(() => provider.GetRequiredService<SchemeContext>());
            Assert.Contains(broken + ":", error.Message, StringComparison.Ordinal);
        }

        string stray = Document(new RuleSetBuilder("gas-points").Version(1).Input("kwh", ScalarType.Double)
            .Rule("p", r => r.Set("points", "kwh")).Output("points").Build(), "gas.json");
        using (var provider = Build(new() { ["Scoring:RuleSets:Files:0"] = stray }, b => b.AddScheme<MeterScheme>()))
        {
            var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<SchemeContext>());
            Assert.StartsWith("rule set id 'gas-points' is not used by any registered scheme", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Settings of the test scheme, bound and validated like a scheme package's.</summary>
    public sealed class MeterOptions
    {
        /// <summary>A tariff in 0..1.</summary>
        [Range(0.0, 1.0)]
        public double Tariff { get; set; } = 0.5;
    }

    /// <summary>The test scheme as a plug-in registration: what <c>scoring --plugin</c> creates and calls.</summary>
    public sealed class MeterRegistration : ISchemeRegistration
    {
        public void Register(ScoringBuilder builder)
        {
            builder.AddScheme<MeterScheme>();
            builder.AddOptions<MeterOptions>("Scoring:Meter");
        }
    }
}
