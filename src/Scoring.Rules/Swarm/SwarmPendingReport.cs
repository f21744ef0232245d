namespace Scoring.Rules.Swarm;

/// <summary>An accepted report not yet settled, as persisted in a <see cref="SwarmAccrualState"/>.</summary>
/// <param name="ReportId">The report id.</param>
/// <param name="PeerId">The peer.</param>
/// <param name="Timestamp">The report time as reported (unix seconds).</param>
/// <param name="Sequence">Its arrival number (orders one peer's reports at the same instant).</param>
/// <param name="CumulativeFlops">The counter, as reported.</param>
/// <param name="FlopsSinceLast">The FLOPs since the last report, as reported.</param>
public sealed record SwarmPendingReport(string ReportId, string PeerId, double Timestamp, long Sequence, double? CumulativeFlops, double? FlopsSinceLast);
