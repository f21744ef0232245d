namespace Scoring.Schemes;

/// <summary>
/// How a scheme package registers itself when a host loads it as a plug-in (e.g. <c>scoring --plugin PATH</c>): the
/// host creates every public, non-abstract class implementing this interface (it needs a public parameterless
/// constructor) and calls <see cref="Register"/>. The registration adds the scheme (<see cref="ScoringBuilder.AddScheme{TScheme}()"/>)
/// and binds its options (<see cref="ScoringBuilder.AddOptions{TOptions}(string)"/>) exactly as its <c>AddXxx()</c>
/// extension method does for hosts that reference the package.
/// </summary>
public interface ISchemeRegistration
{
    /// <summary>Registers the package's schemes and their options.</summary>
    void Register(ScoringBuilder builder);
}
