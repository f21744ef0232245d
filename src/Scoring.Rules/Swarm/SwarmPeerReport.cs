using Scoring.Reports;

namespace Scoring.Rules.Swarm;

/// <summary>
/// A heartbeat of one peer of a training swarm (<c>"type": "swarm"</c>), carrying the work it did. At least one of
/// <see cref="CumulativeFlops"/> and <see cref="FlopsSinceLast"/> is present.
/// </summary>
/// <param name="ReportId">The report's id (JSON <c>id</c>); when the line has none, the decoder derives
/// <c>{peerId}@{timestamp}</c>, so a re-sent heartbeat gets the same id. Ids are scoped by the peer: one peer cannot
/// take another's.</param>
/// <param name="PeerId">The peer (node) that sent the heartbeat (JSON <c>peerId</c>): the report's producer.</param>
/// <param name="Account">The account that owns the peer and collects its points (JSON <c>account</c>).</param>
/// <param name="Timestamp">When the report was made, in unix seconds (JSON <c>timestamp</c>).</param>
/// <param name="CumulativeFlops">The peer's FLOP counter since it started; a counter that goes down is a restart
/// (JSON <c>cumulativeFlops</c>).</param>
/// <param name="FlopsSinceLast">FLOPs processed since the peer's previous report (JSON <c>flopsSinceLast</c>).</param>
public sealed record SwarmPeerReport(
    string ReportId,
    string PeerId,
    string Account,
    double Timestamp,
    double? CumulativeFlops,
    double? FlopsSinceLast) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => SwarmReportType.Instance;

    /// <inheritdoc />
    public override string Id => ReportId;

    /// <inheritdoc />
    public override string Producer => PeerId;

    /// <inheritdoc />
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);

    /// <summary>The id the decoder derives for a line without one: <c>{peerId}@{timestamp}</c>, e.g. <c>12D3KooWx@1767225600.5</c>.</summary>
    public static string DeriveId(string peerId, double timestamp) => string.Concat(peerId, "@", ReportFieldCheck.Format(timestamp));
}
