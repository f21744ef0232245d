using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Diagnostics;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Scoring SDK with a host's services.</summary>
public static class ScoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK: <see cref="LedgerOptions"/> (<c>Scoring:Ledger</c>), <see cref="IngestionOptions"/>
    /// (<c>Scoring:Ingestion</c>) and <see cref="EvaluationOptions"/> (<c>Scoring:Evaluation</c>), bound from the host's
    /// <c>IConfiguration</c> when it has one and validated when the host starts; a singleton <see cref="ILedgerStore"/> of
    /// the configured kind, opened asynchronously when the host starts or on first use (the in-memory kind is built in; a
    /// SQLite file or a PostgreSQL server needs its storage package's <c>UseSqlite</c>/<c>AddSqliteLedger</c> or
    /// <c>UsePostgres</c>/<c>AddPostgresLedger</c>), and the <see cref="LedgerStoreFactory"/> of the registered providers;
    /// <see cref="ReportIngestion"/>; the CPU <see cref="IBatchEvaluatorFactory"/> (Scoring.Gpu's <c>UseOpenCl()</c>
    /// replaces it); <see cref="ScoringMetrics"/> (meter <c>Scoring</c>); the <see cref="SchemeRegistry"/> of every
    /// registered <see cref="Scheme"/>; and the <see cref="SchemeContext"/> schemes score with: the built-in rule sets,
    /// replaced by the documents of <c>Scoring:RuleSets:Files</c> with the same id, on the configured backend.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Chooses the store, backend and schemes.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddScoring(this IServiceCollection services, Action<ScoringBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ScoringBuilder(services);
        builder.AddOptions<LedgerOptions>(LedgerOptions.SectionName);
        builder.AddOptions<IngestionOptions>(IngestionOptions.SectionName);
        builder.AddOptions<EvaluationOptions>(EvaluationOptions.SectionName);

        services.TryAddSingleton<IBatchEvaluatorFactory, CpuBatchEvaluatorFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>, EvaluationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ScoringMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILedgerStoreProvider, InMemoryLedgerStoreProvider>(
            provider => new InMemoryLedgerStoreProvider(provider.GetRequiredService<TimeProvider>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerOptions>, LedgerProviderValidator>());
        services.TryAddSingleton(provider => new LedgerStoreFactory(provider.GetServices<ILedgerStoreProvider>()));
        services.TryAddSingleton<ILedgerStore>(provider => new DeferredLedgerStore(cancellationToken =>
            provider.GetRequiredService<LedgerStoreFactory>().OpenAsync(provider.GetRequiredService<IOptions<LedgerOptions>>().Value, cancellationToken)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LedgerStartup>());
        services.AddOptions<RuleSetFileOptions>().BindOptionalConfiguration("Scoring:RuleSets");
        services.TryAddSingleton(provider => new SchemeRegistry(provider.GetServices<Scheme>()));
        services.TryAddSingleton(CreateSchemeContext);
        services.TryAddSingleton(provider => new ReportIngestion(
            provider.GetRequiredService<IOptions<IngestionOptions>>(),
            provider.GetRequiredService<ScoringMetrics>(),
            provider.GetService<ILogger<ReportIngestion>>()));
        configure?.Invoke(builder);
        return services;
    }

    private static SchemeContext CreateSchemeContext(IServiceProvider provider)
    {
        var files = provider.GetRequiredService<IOptions<RuleSetFileOptions>>().Value;
        var overrides = files.Files.Select(path => RuleSetDocument.CompileFile(path, files.Limits) is { Succeeded: true } result
            ? result.Compiled!
            : throw new RuleSetException(RuleSetDocument.CompileFile(path, files.Limits).Diagnostics.Select(d => d with { Message = $"{path}: {d.Message}" }).ToArray()));
        var ruleSets = provider.GetRequiredService<SchemeRegistry>().CreateRuleSets(overrides.ToArray());
        // The backend of Scoring:Evaluation (or UseBackend) evaluates every scheme's rule sets; every backend gives the same results.
        var evaluation = provider.GetRequiredService<IOptions<EvaluationOptions>>().Value;
        var evaluators = provider.GetRequiredService<IBatchEvaluatorFactory>();
        return new SchemeContext(ruleSets, (ruleSet, batch) => evaluators.Create(evaluation.Backend, evaluation.Device, ruleSet, batch),
            provider.GetRequiredService<TimeProvider>());
    }
}
