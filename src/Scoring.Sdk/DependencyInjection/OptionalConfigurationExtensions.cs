using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Scoring;

/// <summary>Binds options to configuration when a host has configuration, so the SDK also runs on a plain <c>ServiceCollection</c>.</summary>
public static class OptionalConfigurationExtensions
{
    /// <summary>
    /// Like <c>BindConfiguration(section)</c>, with reload on change, when an <see cref="IConfiguration"/> is registered
    /// (every generic or web host registers one); without one, the options keep their defaults and whatever code
    /// configures, instead of failing with "No service for type IConfiguration".
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="builder">The options builder.</param>
    /// <param name="section">The configuration section, e.g. <c>Scoring:Ledger</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static OptionsBuilder<TOptions> BindOptionalConfiguration<TOptions>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        builder.Configure<IServiceProvider>((options, services) => services.GetService<IConfiguration>()?.GetSection(section).Bind(options));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(services =>
            new ReloadToken<TOptions>(builder.Name, services.GetService<IConfiguration>()));
        return builder;
    }

    /// <summary>The configuration's reload token, or none without configuration.</summary>
    private sealed class ReloadToken<TOptions>(string name, IConfiguration? configuration) : IOptionsChangeTokenSource<TOptions>
    {
        public string Name => name;

        public IChangeToken GetChangeToken() => configuration?.GetReloadToken() ?? new CancellationChangeToken(CancellationToken.None);
    }
}
