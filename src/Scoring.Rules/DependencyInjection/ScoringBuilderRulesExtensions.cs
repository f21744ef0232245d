using Scoring.Evaluation.Batch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring;

/// <summary>Adds the built-in schemes to <c>services.AddScoring(builder =&gt; …)</c>.</summary>
public static class ScoringBuilderRulesExtensions
{
    /// <summary>The configuration section of <see cref="ProofOfGpuOptions"/>.</summary>
    public const string ProofOfGpuSection = "Scoring:ProofOfGpu";

    /// <summary>The configuration section of <see cref="SwarmOptions"/>.</summary>
    public const string SwarmSection = "Scoring:Swarm";

    /// <summary>The configuration section of <see cref="JobsOptions"/>.</summary>
    public const string JobsSection = "Scoring:Jobs";

    /// <summary>
    /// Registers the swarm scheme: <see cref="SwarmOptions"/> bound from <c>Scoring:Swarm</c> and validated when the
    /// host starts, and one stateful <see cref="SwarmScorer"/> (a singleton: presence intervals span batches), also
    /// as an <see cref="IReportScorer"/>.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="configure">Changes the options after binding (optional).</param>
    public static ScoringBuilder AddSwarm(this ScoringBuilder builder, Action<SwarmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SwarmOptions>, SwarmOptionsValidator>());
        var options = services.AddOptions<SwarmOptions>().BindConfiguration(SwarmSection).ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton(provider => new SwarmScorer(provider.GetRequiredService<IOptions<SwarmOptions>>().Value));
        services.AddSingleton<IReportScorer>(provider => provider.GetRequiredService<SwarmScorer>());
        return builder;
    }

    /// <summary>
    /// Registers the jobs scheme: <see cref="JobsOptions"/> bound from <c>Scoring:Jobs</c> and validated when the host
    /// starts, and one <see cref="JobsScorer"/> (boosts from a registered <see cref="WalletSnapshot"/>, if any), also
    /// as an <see cref="IReportScorer"/>.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="configure">Changes the options after binding (optional).</param>
    public static ScoringBuilder AddJobs(this ScoringBuilder builder, Action<JobsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());
        var options = services.AddOptions<JobsOptions>().BindConfiguration(JobsSection).ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton(provider =>
        {
            // The backend of Scoring:Evaluation (or UseBackend) evaluates the jobs rule sets; every backend gives the same points.
            var evaluation = provider.GetRequiredService<IOptions<EvaluationOptions>>().Value;
            var evaluators = provider.GetRequiredService<IBatchEvaluatorFactory>();
            return new JobsScorer(
                provider.GetRequiredService<IOptions<JobsOptions>>().Value,
                holdings: provider.GetService<WalletSnapshot>(),
                evaluatorFactory: (ruleSet, batch) => evaluators.Create(evaluation.Backend, evaluation.Device, ruleSet, batch));
        });
        services.AddSingleton<IReportScorer>(provider => provider.GetRequiredService<JobsScorer>());
        return builder;
    }

    /// <summary>
    /// Registers the Proof-of-GPU scheme: <see cref="ProofOfGpuOptions"/> bound from <c>Scoring:ProofOfGpu</c>
    /// (<c>GpuScores</c> as an array of <c>{ "Name", "Score" }</c>), validated when the host starts, and a singleton
    /// <see cref="ProofOfGpuScorer"/>.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="configure">Changes the options after binding (optional).</param>
    public static ScoringBuilder AddProofOfGpu(this ScoringBuilder builder, Action<ProofOfGpuOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OptionsBuilder<ProofOfGpuOptions> options = builder.Services.AddProofOfGpu().BindConfiguration(ProofOfGpuSection);
        if (configure is not null)
            options.Configure(configure);
        return builder;
    }
}
