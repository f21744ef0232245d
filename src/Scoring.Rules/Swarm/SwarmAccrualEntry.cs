namespace Scoring.Rules.Swarm;

/// <summary>
/// The points one accepted report earned: compute and presence, with the measurements behind them.
/// </summary>
/// <param name="ReportId">The report that caused this accrual.</param>
/// <param name="PeerId">The reporting peer.</param>
/// <param name="Account">The peer's account.</param>
/// <param name="Timestamp">The report's time, unix seconds, as reported.</param>
/// <param name="ReportedFlops">The work this report adds: the counter's increase (or its new value after a reset), or the FLOPs since the last report.</param>
/// <param name="CountedFlops">The part of <paramref name="ReportedFlops"/> done while the peer held one of its account's places.</param>
/// <param name="ActiveMicroseconds">The active time this report closes: from the peer's previous report to this one, or 0 when this report starts an interval.</param>
/// <param name="CountedMicroseconds">The part of <paramref name="ActiveMicroseconds"/> during which the peer held a place; presence is paid for it.</param>
/// <param name="Seated">Whether the peer holds a place at the report's instant.</param>
/// <param name="StartsInterval">Whether this report starts a new active interval (first report, or after a gap longer than the timeout).</param>
/// <param name="Compute">Compute points: the increase of the peer's rounded compute total.</param>
/// <param name="Presence">Presence points: the increase of the peer's rounded presence total.</param>
public readonly record struct SwarmAccrualEntry(
    string ReportId,
    string PeerId,
    string Account,
    double Timestamp,
    UInt128 ReportedFlops,
    UInt128 CountedFlops,
    long ActiveMicroseconds,
    long CountedMicroseconds,
    bool Seated,
    bool StartsInterval,
    Points Compute,
    Points Presence)
{
    /// <summary>Compute plus presence points.</summary>
    public Points Total => Compute + Presence;

    /// <summary>The counted active time in seconds (for a leaderboard's "active time").</summary>
    public double CountedSeconds => CountedMicroseconds / 1e6;
}
