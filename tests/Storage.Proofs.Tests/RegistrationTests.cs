using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scoring;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.RuleSets;
using Scoring.Schemes;
using static Storage.Proofs.Tests.StorageRun;

namespace Storage.Proofs.Tests;

/// <summary>The plug-in as hosts see it: DI, the plug-in entry point, rule-set overrides and versions, explain.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void The_scheme_uses_only_the_public_api_of_the_sdk()
    {
        var friends = typeof(SchemeRegistry).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false)
            .Cast<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);
        Assert.DoesNotContain(typeof(StorageProofsScheme).Assembly.GetName().Name, friends);
    }

    [Fact]
    public async Task A_host_that_references_the_package_adds_it_with_one_line_and_scores_through_di()
    {
        var services = Host();
        services.AddScoring(b => b.UseInMemoryLedger().AddStorageProofs());
        await using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<SchemeRegistry>();
        var scheme = Assert.IsType<StorageProofsScheme>(registry.Get("storage"));
        Assert.Same(scheme, registry.OwnerOfReportType("storage-proof"));
        Assert.Same(scheme, registry.OwnerOfRuleSet("storage-points"));
        Assert.Equal(["storage"], scheme.Currencies.Select(c => c.Name));

        using var scorer = scheme.CreateScorer(provider.GetRequiredService<SchemeContext>());
        var ledger = provider.GetRequiredService<ILedgerStore>();
        await provider.GetRequiredService<ReportIngestion>().RunAsync(Input(WorkedExample), registry.Decoder, scorer, ledger);
        Assert.Equal([("acme", 12_594_947L), ("globex", 2_000_000L)], await TotalsAsync(ledger));
    }

    [Fact]
    public void A_host_that_loads_the_assembly_as_a_plug_in_finds_its_registration_beside_the_built_in_schemes()
    {
        // What `scoring --plugin PATH` does: every public, non-abstract ISchemeRegistration of the assembly, created and registered.
        var registrations = typeof(StorageProofsScheme).Assembly.GetExportedTypes()
            .Where(t => typeof(ISchemeRegistration).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToArray();
        Assert.Equal([typeof(StorageProofsRegistration)], registrations);

        var services = Host();
        services.AddScoring(b =>
        {
            new BuiltInSchemes().Register(b);
            foreach (var type in registrations)
                ((ISchemeRegistration)Activator.CreateInstance(type)!).Register(b);
        });
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<SchemeRegistry>();

        Assert.Equal(["swarm", "jobs", "pog", "storage"], registry.Schemes.Select(s => s.Name));
        Assert.Contains(registry.BuiltInRuleSets, r => r.RuleSet.Id == "storage-points");
        var decoded = registry.Decoder.DecodeLine(Encoding.UTF8.GetBytes(WorkedExample[0]), 1);
        Assert.IsType<StorageProofReport>(decoded.Report);
        _ = provider.GetRequiredService<SchemeContext>(); // every scheme's rule sets compile together
    }

    [Fact]
    public async Task An_operator_history_of_versions_replaces_the_built_in_and_each_proof_uses_the_version_in_force()
    {
        // Version 2 doubles the rate from T0 + 2 h; version 1 (a copy of the built-in) stays in force before that.
        var v1 = RuleSetDocuments.Edited();
        var v2 = RuleSetDocuments.Edited(
            ("\"version\": \"1\"", "\"version\": \"2\""),
            ("\"effectiveFrom\": \"2000-01-01T00:00:00Z\"", "\"effectiveFrom\": \"2026-01-01T02:00:00Z\""),
            ("\"pointsPerTibHour\": 1.0", "\"pointsPerTibHour\": 2.0"));
        await using var ledger = new InMemoryLedgerStore();
        await ScoreAsync(ledger, WorkedExample, overrides: [v1, v2]);

        // p1 at +1 h: 1 (v1); at +2 h: the interval (+1 h, +2 h] is paid by the version in force at the proof: 2 x 1 = 2;
        // at +3.5 h: 2 x 2 TiB x 0.5 h = 2; at +29.5 h: 2 x 0.5 TiB x 1 h = 1. p3 and p2 proved before +2 h: as before.
        // acme: 1 + 2 + 2 + 1 + 9.094947 = 15.094947.
        Assert.Equal([("acme", 15_094_947L), ("globex", 2_000_000L)], await TotalsAsync(ledger));
        var hashes = (await EntriesAsync(ledger, "acme")).Where(e => e.Peer == "p1").Select(e => e.RuleSetHash).ToArray();
        Assert.Equal(Enumerable.Repeat(v1.ContentHash, 2).Concat(Enumerable.Repeat(v2.ContentHash, 5)), hashes);
    }

    [Fact]
    public async Task A_rule_set_that_gives_negative_points_voids_the_proof_with_the_reason_and_the_run_goes_on()
    {
        var negative = RuleSetDocuments.Edited(
            ("\"version\": \"1\"", "\"version\": \"broken\""),
            ("{ \"name\": \"gap\", \"when\": \"elapsedHours > maxGapHours\", \"set\": { \"points\": \"0.0\" } }",
             "{ \"name\": \"gap\", \"when\": \"elapsedHours > maxGapHours\", \"set\": { \"points\": \"0.0\" } },\n    { \"name\": \"penalty\", \"when\": \"uptimeRatio < minUptime\", \"set\": { \"points\": \"-1.0\" } }"));
        await using var ledger = new InMemoryLedgerStore();
        var summary = await ScoreAsync(ledger, WorkedExample, overrides: [negative]);

        Assert.Equal(12, summary.Scored);
        var voided = (await EntriesAsync(ledger)).Where(e => e.Reason?.StartsWith("voided", StringComparison.Ordinal) == true).ToArray();
        Assert.Equal(["p2@1767231000", "p1@1767236400"], voided.Select(e => e.ReportId));
        Assert.All(voided, e => Assert.Equal(Points.Zero, e.Amount));
        Assert.Equal("voided: rule set storage-points@broken gave -1 points; a proof never earns less than nothing", voided[0].Reason);
        Assert.Equal([("acme", 12_594_947L), ("globex", 2_000_000L)], await TotalsAsync(ledger));
    }

    [Fact]
    public void A_rule_set_that_reads_a_fact_the_scheme_does_not_have_is_refused_when_the_scorer_is_created()
    {
        var wrong = RuleSetDocuments.Edited(("\"first\": \"bool\"", "\"first\": \"bool\",\n    \"region\": \"string\""));
        var registry = Registry();
        var context = new SchemeContext(registry.CreateRuleSets([RuleSetCompiler.CompileOrThrow(wrong)]));

        var error = Assert.Throws<RuleSetException>(() => ((PointsScheme)registry.Get("storage")).CreateScorer(context));
        Assert.Contains("input 'region' is not a field of storage proof facts", error.Message, StringComparison.Ordinal);
        Assert.Contains("uptimeRatio (double)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_the_rules_for_a_proof_as_its_providers_first_and_only_proof()
    {
        var registry = Registry();
        var proof = (StorageProofReport)registry.Decoder.DecodeLine(Encoding.UTF8.GetBytes(WorkedExample[4]), 1).Report!;

        var explanation = Assert.Single(registry.Get("storage").Explain(proof, new SchemeContext(registry.CreateRuleSets())));

        Assert.Equal("storage-points", explanation.RuleSetId);
        Assert.NotNull(explanation.Trace);
        Assert.Equal(["held", "first"], explanation.Trace.Rules.Where(r => r.Outcome == RuleOutcome.Fired).Select(r => r.Name));
        Assert.Equal(0.0, explanation.Trace.OutputValue);
        Assert.StartsWith("as the provider's first and only proof", explanation.Note, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => registry.Get("storage").Explain(new Scoring.Rules.Swarm.SwarmPeerReport("r", "p", "a", StorageRun.T0, 1, null), new SchemeContext(registry.CreateRuleSets())));
    }

    /// <summary>A host's services with an empty configuration (every scheme and the SDK bind their sections from it).</summary>
    private static ServiceCollection Host()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        return services;
    }
}
