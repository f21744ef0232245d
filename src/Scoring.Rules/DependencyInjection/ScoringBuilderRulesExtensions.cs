using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring;

/// <summary>Adds the built-in schemes to <c>services.AddScoring(builder =&gt; …)</c>.</summary>
public static class ScoringBuilderRulesExtensions
{
    /// <summary>The configuration section of <see cref="SwarmOptions"/>.</summary>
    public const string SwarmSection = "Scoring:" + SwarmOptions.SectionName;

    /// <summary>The configuration section of <see cref="JobsOptions"/>.</summary>
    public const string JobsSection = "Scoring:" + JobsOptions.SectionName;

    /// <summary>
    /// Registers the swarm scheme (<see cref="SwarmScheme"/>): its accrual options bound from <c>Scoring:Swarm</c> and
    /// validated when the host starts. Its formulas are the <c>swarm-points</c> rule set.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="configure">Changes the options after binding (optional).</param>
    public static ScoringBuilder AddSwarm(this ScoringBuilder builder, Action<SwarmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SwarmOptions>, SwarmOptionsValidator>());
        var options = builder.Services.AddOptions<SwarmOptions>().BindOptionalConfiguration(SwarmSection).ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Scoring.Schemes.Scheme, SwarmScheme>(
            provider => new SwarmScheme(provider.GetRequiredService<IOptions<SwarmOptions>>())));
        return builder;
    }

    /// <summary>
    /// Registers the jobs scheme (<see cref="JobsScheme"/>): epochs and holdings bound from <c>Scoring:Jobs</c> and
    /// validated when the host starts (a registered <see cref="WalletSnapshot"/> wins over <c>HoldingsPath</c>). Its
    /// formulas are the <c>jobs-image</c>, <c>jobs-llm</c> and <c>jobs-boosts</c> rule sets.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="configure">Changes the options after binding (optional).</param>
    public static ScoringBuilder AddJobs(this ScoringBuilder builder, Action<JobsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());
        var options = builder.Services.AddOptions<JobsOptions>().BindOptionalConfiguration(JobsSection).ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Scoring.Schemes.Scheme, JobsScheme>(
            provider => new JobsScheme(provider.GetRequiredService<IOptions<JobsOptions>>(), provider.GetService<WalletSnapshot>())));
        return builder;
    }

    /// <summary>
    /// Registers the Proof-of-GPU scheme (<see cref="ProofOfGpuScheme"/>). Its score table, GPU cap and allocation
    /// multiplier are the <c>pog-score</c> rule set (replace it with a document of your own, e.g. one made from a
    /// validator's config.yaml by <see cref="ProofOfGpuConfigFile"/>).
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder AddProofOfGpu(this ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme<ProofOfGpuScheme>();
    }

    /// <summary>Registers every built-in scheme: swarm, jobs and Proof-of-GPU.</summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder AddBuiltInSchemes(this ScoringBuilder builder) =>
        builder.AddSwarm().AddJobs().AddProofOfGpu();
}
