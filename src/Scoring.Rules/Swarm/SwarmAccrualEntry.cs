namespace Scoring.Rules.Swarm;

/// <summary>
/// What the accrual settled for one accepted report: the work and time it counts, with the measurements behind them
/// and the peer's exact running totals after it. These are the facts the <c>swarm-points</c> rule set turns into
/// points (see <see cref="SwarmPointsInputs"/>).
/// </summary>
/// <param name="ReportId">The report that caused this accrual.</param>
/// <param name="PeerId">The reporting peer.</param>
/// <param name="Account">The peer's account.</param>
/// <param name="Timestamp">The report's time, unix seconds, as reported.</param>
/// <param name="ReportedFlops">The work the report claims: the counter's increase (or its new value after a reset), or the FLOPs since the last report.</param>
/// <param name="CreditedFlops">The part of <paramref name="ReportedFlops"/> the peer could have done in the elapsed time (at most <c>maxFlopsPerSecond</c> × <paramref name="ElapsedMicroseconds"/>).</param>
/// <param name="CountedFlops">The part of <paramref name="CreditedFlops"/> done while the peer held one of its account's places.</param>
/// <param name="ElapsedMicroseconds">The time the report's work may span: since the peer's previous report, or the presence timeout for its first report.</param>
/// <param name="ActiveMicroseconds">The active time this report closes: from the peer's previous report to this one, or 0 when this report starts an interval.</param>
/// <param name="CountedMicroseconds">The part of <paramref name="ActiveMicroseconds"/> during which the peer held a place; presence is paid for it.</param>
/// <param name="Seated">Whether the peer holds a place at the report's instant.</param>
/// <param name="StartsInterval">Whether this report starts a new active interval (first report, or after a gap longer than the timeout).</param>
/// <param name="TotalCountedFlops">The peer's counted FLOPs over all its reports, this one included.</param>
/// <param name="TotalCountedMicroseconds">The peer's counted active time over all its reports, this one included.</param>
/// <param name="MaxFlopsPerSecond">The credit limit that applied (the <c>maxFlopsPerSecond</c> parameter in force).</param>
public readonly record struct SwarmAccrualEntry(
    string ReportId,
    string PeerId,
    string Account,
    double Timestamp,
    UInt128 ReportedFlops,
    UInt128 CreditedFlops,
    UInt128 CountedFlops,
    long ElapsedMicroseconds,
    long ActiveMicroseconds,
    long CountedMicroseconds,
    bool Seated,
    bool StartsInterval,
    UInt128 TotalCountedFlops,
    long TotalCountedMicroseconds,
    double MaxFlopsPerSecond)
{
    /// <summary>The counted active time in seconds.</summary>
    public double CountedSeconds => CountedMicroseconds / 1e6;

    /// <summary>Whether the report claimed more work than the peer could have done (a counter jump or forged reset).</summary>
    public bool IsCapped => CreditedFlops < ReportedFlops;
}
