using Scoring;
using Scoring.Schemes;

namespace Storage.Proofs;

/// <summary>
/// The plug-in entry point: a host that loads this assembly (<c>scoring score --plugin Storage.Proofs.dll …</c>) creates
/// this class and calls <see cref="Register"/>, which does what <see cref="ScoringBuilderStorageProofsExtensions.AddStorageProofs"/>
/// does for a host that references the package.
/// </summary>
public sealed class StorageProofsRegistration : ISchemeRegistration
{
    /// <inheritdoc />
    public void Register(ScoringBuilder builder) => builder.AddStorageProofs();
}
