using Storage.Proofs;

namespace Scoring;

/// <summary>Adds the storage-proofs scheme to <c>services.AddScoring(builder =&gt; …)</c>.</summary>
public static class ScoringBuilderStorageProofsExtensions
{
    /// <summary>
    /// Registers the storage-proofs scheme (<see cref="StorageProofsScheme"/>). It has no options: its rate, minimum
    /// uptime and longest gap are parameters of the <c>storage-points</c> rule set (replace it with a document of your
    /// own through <c>Scoring:RuleSets:Files</c> or <c>--rules</c>).
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder AddStorageProofs(this ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme<StorageProofsScheme>();
    }
}
