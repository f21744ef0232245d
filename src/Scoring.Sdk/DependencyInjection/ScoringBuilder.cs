using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scoring.Schemes;

namespace Scoring;

/// <summary>
/// Configures the SDK inside <c>services.AddScoring(builder =&gt; …)</c>: the ledger store (in memory here; a file or a
/// server through the storage packages' <c>UseSqlite</c> and <c>UsePostgres</c>), the evaluator backend and, through
/// extension methods in Scoring.Rules, the schemes (<c>AddSwarm</c>, <c>AddJobs</c>, <c>AddProofOfGpu</c>).
/// A choice made here overrides the matching configuration key (<c>Scoring:*</c> sections), which stays the
/// default for everything not chosen in code.
/// </summary>
public sealed class ScoringBuilder
{
    internal ScoringBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services, for scheme extension methods.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses a process-local ledger (tests, dry runs): nothing survives the process.</summary>
    public ScoringBuilder UseInMemoryLedger()
    {
        Services.Configure<LedgerOptions>(o => o.Store = LedgerStoreKind.InMemory);
        return this;
    }

    /// <summary>Chooses the evaluator backend (overrides <c>Scoring:Evaluation:Backend</c>).</summary>
    /// <param name="backend"><c>auto</c>, <c>scalar</c>, <c>simd</c>, or <c>opencl</c> after Scoring.Gpu's <c>UseOpenCl()</c>.</param>
    public ScoringBuilder UseBackend(string backend)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        Services.Configure<EvaluationOptions>(o => o.Backend = backend);
        return this;
    }

    /// <summary>
    /// Registers a scheme (a singleton created by DI, so its constructor may take its <c>IOptions&lt;T&gt;</c>): the CLI,
    /// the hosts and the pipeline find it in the <see cref="SchemeRegistry"/>. Registering the same scheme type twice
    /// registers it once.
    /// </summary>
    /// <typeparam name="TScheme">The scheme.</typeparam>
    public ScoringBuilder AddScheme<TScheme>() where TScheme : Scheme
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Scheme, TScheme>());
        return this;
    }

    /// <summary>Registers a scheme instance (see <see cref="AddScheme{TScheme}()"/>).</summary>
    /// <param name="scheme">The scheme.</param>
    public ScoringBuilder AddScheme(Scheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(Scheme), scheme));
        return this;
    }

    /// <summary>
    /// Registers options of <typeparamref name="TOptions"/> bound from configuration section <paramref name="section"/>
    /// (when the host has configuration) and validated (DataAnnotations, messages naming the full key) when the host starts:
    /// the pattern every scheme follows.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="section">The configuration section, e.g. <c>Scoring:Swarm</c>.</param>
    public OptionsBuilder<TOptions> AddOptions<TOptions>(string section) where TOptions : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        Services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationSectionValidator<TOptions>(section));
        return Services.AddOptions<TOptions>().BindOptionalConfiguration(section).ValidateOnStart();
    }
}
