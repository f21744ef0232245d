using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <c>IConfiguration</c> and validated when the host starts; a singleton <see cref="ILedgerStore"/> of the configured
    /// kind; <see cref="ReportIngestion"/>; the CPU <see cref="IBatchEvaluatorFactory"/> (Scoring.Gpu's <c>UseOpenCl()</c>
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
        builder.AddOptions<IngestionOptions>("Scoring:Ingestion");
        builder.AddOptions<EvaluationOptions>(EvaluationOptions.SectionName);

        services.TryAddSingleton<IBatchEvaluatorFactory, CpuBatchEvaluatorFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluationOptions>, EvaluationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ScoringMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ILedgerStore>(OpenLedger);
        services.AddOptions<RuleSetFileOptions>().BindConfiguration("Scoring:RuleSets");
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

    private static ILedgerStore OpenLedger(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<LedgerOptions>>().Value;
        var time = provider.GetRequiredService<TimeProvider>();
        var logger = provider.GetService<ILogger<ILedgerStore>>();
        if (options.Store == LedgerStoreKind.InMemory)
        {
            logger?.LedgerInMemory();
            return new InMemoryLedgerStore(time);
        }
        if (options.Store == LedgerStoreKind.Postgres)
        {
            var postgres = Scoring.Ledger.Postgres.PostgresUrl.IsPostgresUrl(options.ConnectionString!)
                ? Scoring.Ledger.Postgres.PostgresUrl.Parse(options.ConnectionString!)
                : new Scoring.Ledger.Postgres.PostgresLedgerOptions { ConnectionString = options.ConnectionString! };
            var server = Scoring.Ledger.Postgres.PostgresLedgerStore.OpenAsync(postgres, time).GetAwaiter().GetResult();
            logger?.LedgerPostgres(server.Schema);
            return server;
        }
        // A DI factory cannot await; opening runs once, at the first resolution, before any request uses the ledger.
        var store = SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = options.Path! }, time).GetAwaiter().GetResult();
        logger?.LedgerSqlite(store.Path);
        return store;
    }
}
