using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// The swarm's point formula as it was written in C# before it became the <c>swarm-points</c> rule set: a peer's paid
/// compute is <c>FromDouble(totalCountedFlops / flopsPerPoint)</c>, its presence
/// <c>FromDouble(totalCountedMicroseconds / 3.6e9 × presencePointsPerHour)</c>, and each settled report pays the
/// increase of these over the peer's previous report.
/// </summary>
public static class SwarmPoints
{
    /// <summary>What each settled report is paid, by report id, from the accrual's entries in settlement order.</summary>
    public static Dictionary<string, (Points Compute, Points Presence)> Pay(
        IEnumerable<SwarmAccrualEntry> entries, double flopsPerPoint = 1e15, double presencePointsPerHour = 1.0)
    {
        var paidSoFar = new Dictionary<string, (Points Compute, Points Presence)>(StringComparer.Ordinal);
        var pay = new Dictionary<string, (Points Compute, Points Presence)>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var total = Totals(entry.TotalCountedFlops, entry.TotalCountedMicroseconds, flopsPerPoint, presencePointsPerHour);
            paidSoFar.TryGetValue(entry.PeerId, out var before);
            pay.Add(entry.ReportId, (total.Compute - before.Compute, total.Presence - before.Presence));
            paidSoFar[entry.PeerId] = total;
        }
        return pay;
    }

    /// <summary>A peer's total compute and presence points for its exact counted totals.</summary>
    public static (Points Compute, Points Presence) Totals(UInt128 countedFlops, long countedMicroseconds, double flopsPerPoint = 1e15, double presencePointsPerHour = 1.0) =>
        (Points.FromDouble((double)countedFlops / flopsPerPoint), Points.FromDouble(countedMicroseconds / 3.6e9 * presencePointsPerHour));

    /// <summary>Each account's total points (compute and presence together) from its entries.</summary>
    public static Dictionary<string, Points> AccountTotals(IReadOnlyList<SwarmAccrualEntry> entries)
    {
        var pay = Pay(entries);
        return entries.GroupBy(e => e.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Points.Sum(g.Select(e => pay[e.ReportId].Compute + pay[e.ReportId].Presence)), StringComparer.Ordinal);
    }
}
