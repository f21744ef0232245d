namespace Scoring.Rules.Swarm;

/// <summary>
/// One report of a swarm peer, as the swarm accrual reads it.
/// </summary>
/// <param name="ReportId">The report's unique id (ties the resulting entry to it; orders one peer's reports at one instant).</param>
/// <param name="PeerId">The reporting peer (one machine); a peer belongs to exactly one account.</param>
/// <param name="Account">The account (user name) the peer runs under.</param>
/// <param name="Timestamp">When the report was made, in unix seconds (fractions allowed; kept to the microsecond).</param>
/// <param name="CumulativeFlops">The peer's running FLOP counter, if the report carries one (takes precedence).</param>
/// <param name="FlopsSinceLast">FLOPs processed since the peer's previous report, used when there is no counter.</param>
public readonly record struct SwarmReport(
    string ReportId,
    string PeerId,
    string Account,
    double Timestamp,
    double? CumulativeFlops = null,
    double? FlopsSinceLast = null)
{
    /// <summary>The latest accepted timestamp (unix seconds): about the year 5138, far beyond any real report.</summary>
    public const double MaxTimestamp = 1e11;

    /// <summary>The largest FLOP value one report may carry (10²⁷ FLOPs).</summary>
    public const double MaxFlops = 1e27;
}
