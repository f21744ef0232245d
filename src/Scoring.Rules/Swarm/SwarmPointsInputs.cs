using Scoring.Reports;

namespace Scoring.Rules.Swarm;

/// <summary>
/// The facts a <c>swarm-points</c> rule set may read as inputs, one row per settled report
/// (<see cref="SwarmAccrualEntry"/>). The rule set's outputs <c>compute</c> and <c>presence</c> are the peer's
/// <em>total</em> points after the report; each entry pays the increase over what the peer was paid before, so a
/// peer's entries always sum to the rounding of its totals however its work was split into reports. Outputs must
/// therefore never go down as the totals grow (a rule that lowers them voids the report).
/// </summary>
public static class SwarmPointsInputs
{
    /// <summary>The rule set's id.</summary>
    public const string RuleSetId = "swarm-points";

    /// <summary>The rule-set parameter the accrual reads: the most FLOPs per second a peer is credited.</summary>
    public const string MaxFlopsPerSecond = "maxFlopsPerSecond";

    /// <summary>Every fact, by input name.</summary>
    public static IReadOnlyList<RowField<SwarmAccrualEntry>> Fields { get; } =
    [
        RowField<SwarmAccrualEntry>.Double("totalCountedFlops", e => (double)e.TotalCountedFlops),
        RowField<SwarmAccrualEntry>.Double("totalCountedMicroseconds", e => e.TotalCountedMicroseconds),
        RowField<SwarmAccrualEntry>.Double("reportedFlops", e => (double)e.ReportedFlops),
        RowField<SwarmAccrualEntry>.Double("creditedFlops", e => (double)e.CreditedFlops),
        RowField<SwarmAccrualEntry>.Double("countedFlops", e => (double)e.CountedFlops),
        RowField<SwarmAccrualEntry>.Double("activeSeconds", e => e.ActiveMicroseconds / 1e6),
        RowField<SwarmAccrualEntry>.Double("countedSeconds", e => e.CountedMicroseconds / 1e6),
        RowField<SwarmAccrualEntry>.Bool("seated", e => e.Seated),
        RowField<SwarmAccrualEntry>.Bool("startsInterval", e => e.StartsInterval),
        RowField<SwarmAccrualEntry>.String("account", e => e.Account),
        RowField<SwarmAccrualEntry>.String("peerId", e => e.PeerId),
        RowField<SwarmAccrualEntry>.Double("timestamp", e => e.Timestamp),
    ];
}
