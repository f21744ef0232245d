using Scoring;
using Scoring.Schemes;

namespace Scoring.Cli.TestPlugin;

/// <summary>The plug-in's entry point: what <c>scoring --plugin</c> finds and calls.</summary>
public sealed class UptimeRegistration : ISchemeRegistration
{
    /// <inheritdoc />
    public void Register(ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddScheme<UptimeScheme>();
    }
}
