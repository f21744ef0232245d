using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Rules.ProofOfGpu;

namespace Scoring;

/// <summary>Adds the built-in schemes to <c>services.AddScoring(builder =&gt; …)</c>.</summary>
public static class ScoringBuilderRulesExtensions
{
    /// <summary>The configuration section of <see cref="ProofOfGpuOptions"/>.</summary>
    public const string ProofOfGpuSection = "Scoring:ProofOfGpu";

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
