using Scoring.Reports;

namespace Storage.Proofs;

/// <summary>
/// A storage provider's proof that it holds data (<c>"type": "storage-proof"</c>): how many bytes it holds now, and how
/// long it was up since its previous proof.
/// </summary>
/// <param name="ProofId">The report's id (JSON <c>id</c>); when the line has none, the decoder derives
/// <c>{providerId}@{timestamp}</c>, so a re-sent proof gets the same id. Ids are scoped by the provider: one provider
/// cannot take another's.</param>
/// <param name="ProviderId">The storage provider that made the proof (JSON <c>providerId</c>): the report's producer.</param>
/// <param name="Account">The account the provider's points go to (JSON <c>account</c>).</param>
/// <param name="BytesStored">The bytes the provider holds at <paramref name="Timestamp"/> (JSON <c>bytesStored</c>).</param>
/// <param name="UptimeSeconds">Seconds the provider was up since its previous proof (JSON <c>uptimeSeconds</c>).</param>
/// <param name="Timestamp">When the proof was made, in unix seconds (JSON <c>timestamp</c>).</param>
public sealed record StorageProofReport(
    string ProofId,
    string ProviderId,
    string Account,
    long BytesStored,
    double UptimeSeconds,
    double Timestamp) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => StorageProofReportType.Instance;

    /// <inheritdoc />
    public override string Id => ProofId;

    /// <inheritdoc />
    public override string Producer => ProviderId;

    /// <inheritdoc />
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);

    /// <summary>The id the decoder derives for a line without one: <c>{providerId}@{timestamp}</c>, e.g. <c>p1@1767225600</c>.</summary>
    public static string DeriveId(string providerId, double timestamp) => string.Concat(providerId, "@", ReportFieldCheck.Format(timestamp));
}
