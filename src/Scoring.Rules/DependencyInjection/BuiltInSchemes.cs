using Scoring.Schemes;

namespace Scoring;

/// <summary>The built-in schemes as a plug-in registration: swarm, jobs and Proof-of-GPU (<see cref="ScoringBuilderRulesExtensions.AddBuiltInSchemes"/>).</summary>
public sealed class BuiltInSchemes : ISchemeRegistration
{
    /// <inheritdoc />
    public void Register(ScoringBuilder builder) => builder.AddBuiltInSchemes();
}
