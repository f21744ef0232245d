using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Scoring.RuleSets;

/// <summary>Registers the rule-set registry and the file loader that keeps it up to date.</summary>
public static class RuleSetServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="RuleSetRegistry"/> and a singleton <see cref="RuleSetFileLoader"/> fed by
    /// <see cref="RuleSetFileOptions"/> (configure it here or bind it to configuration). Resolve the loader once at
    /// start-up (e.g. from a hosted service) to load the files.
    /// </summary>
    public static IServiceCollection AddRuleSetFiles(this IServiceCollection services, Action<RuleSetFileOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RuleSetFileOptions>();
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton<RuleSetRegistry>();
        services.TryAddSingleton<RuleSetFileLoader>();
        return services;
    }
}
