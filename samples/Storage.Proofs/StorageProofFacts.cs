using Scoring.Reports;

namespace Storage.Proofs;

/// <summary>
/// One row of the <c>storage-points</c> rule set: an accepted proof with what the scheme knows from the provider's
/// previous proof. The scheme decides the facts (which interval a proof closes, how long it was, the uptime over it);
/// the rule set decides what they are worth.
/// </summary>
/// <param name="Proof">The proof.</param>
/// <param name="First">Whether it is the provider's first proof: it starts the clock and closes no interval.</param>
/// <param name="PreviousBytes">The bytes of the provider's previous proof; 0 for a first proof.</param>
/// <param name="ElapsedMicroseconds">Microseconds since the previous proof (timestamps rounded half to even to the microsecond); 0 for a first proof.</param>
public readonly record struct StorageProofFacts(StorageProofReport Proof, bool First, long PreviousBytes, long ElapsedMicroseconds)
{
    /// <summary>Seconds since the previous proof.</summary>
    public double ElapsedSeconds => ElapsedMicroseconds / 1e6;

    /// <summary>Hours since the previous proof.</summary>
    public double ElapsedHours => ElapsedMicroseconds / 3.6e9;

    /// <summary>
    /// The provider's uptime over the interval: <c>uptimeSeconds / elapsed seconds</c> (it may exceed 1 when a provider
    /// over-reports). A first proof closes no interval and has nothing to gate: 1.
    /// </summary>
    public double UptimeRatio => First ? 1.0 : Proof.UptimeSeconds / ElapsedSeconds;

    /// <summary>The inputs a <c>storage-points</c> rule set may read, by name.</summary>
    public static IReadOnlyList<RowField<StorageProofFacts>> Fields { get; } =
    [
        RowField<StorageProofFacts>.Int("bytes", f => f.Proof.BytesStored),
        RowField<StorageProofFacts>.Int("previousBytes", f => f.PreviousBytes),
        RowField<StorageProofFacts>.Double("elapsedSeconds", f => f.ElapsedSeconds),
        RowField<StorageProofFacts>.Double("elapsedHours", f => f.ElapsedHours),
        RowField<StorageProofFacts>.Double("uptimeSeconds", f => f.Proof.UptimeSeconds),
        RowField<StorageProofFacts>.Double("uptimeRatio", f => f.UptimeRatio),
        RowField<StorageProofFacts>.Bool("first", f => f.First),
        RowField<StorageProofFacts>.String("providerId", f => f.Proof.ProviderId),
        RowField<StorageProofFacts>.String("account", f => f.Proof.Account),
        RowField<StorageProofFacts>.Double("timestamp", f => f.Proof.Timestamp),
    ];
}
