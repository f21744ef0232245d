namespace Scoring.Rules.Swarm;

/// <summary>An accepted report waiting for its instant to be settled.</summary>
/// <param name="ReportId">The report id.</param>
/// <param name="PeerId">The peer.</param>
/// <param name="Timestamp">The report time as reported (unix seconds).</param>
/// <param name="Flops">The FLOPs the report adds (already resolved from the counter or the since-last field).</param>
public sealed record SwarmPendingReport(string ReportId, string PeerId, double Timestamp, UInt128 Flops);
