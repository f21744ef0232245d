using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>Registers the Proof-of-GPU scheme with a host's services.</summary>
public static class ProofOfGpuServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ProofOfGpuOptions"/> to <paramref name="configuration"/> (e.g. the <c>ProofOfGpu</c> section,
    /// with <c>GpuScores</c> as an array of <c>{ "Name", "Score" }</c>), validates it when the host starts, and
    /// registers a singleton <see cref="ProofOfGpuScorer"/>.
    /// </summary>
    public static OptionsBuilder<ProofOfGpuOptions> AddProofOfGpu(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddProofOfGpu();
        builder.Bind(configuration);
        return builder;
    }

    /// <summary>
    /// Registers <see cref="ProofOfGpuOptions"/> (configure them with the returned builder), its validation at start,
    /// and a singleton <see cref="ProofOfGpuScorer"/>.
    /// </summary>
    public static OptionsBuilder<ProofOfGpuOptions> AddProofOfGpu(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProofOfGpuOptions>, ProofOfGpuOptionsValidator>());
        services.TryAddSingleton(provider => new ProofOfGpuScorer(provider.GetRequiredService<IOptions<ProofOfGpuOptions>>().Value));
        return services.AddOptions<ProofOfGpuOptions>().ValidateOnStart();
    }
}
