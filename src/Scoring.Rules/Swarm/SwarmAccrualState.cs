namespace Scoring.Rules.Swarm;

/// <summary>
/// Everything a <see cref="SwarmAccrual"/> knows, as plain serializable records (System.Text.Json round-trips it).
/// Accounts never interact, so the state is a list of independent account states: the scheme stores one per account
/// in the ledger and loads only the accounts a batch touches (<see cref="SwarmAccrual.Load"/>).
/// </summary>
/// <param name="Version">The state format version (<see cref="CurrentVersion"/>).</param>
/// <param name="Accounts">Every account seen, with its peers.</param>
public sealed record SwarmAccrualState(int Version, IReadOnlyList<SwarmAccountState> Accounts)
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 2;
}

/// <summary>One account's accrual state, with every peer it ever had.</summary>
/// <param name="Account">The account.</param>
/// <param name="Cap">The peer cap in force at <paramref name="Settled"/>.</param>
/// <param name="CapIndex">How many scheduled cap changes have been applied.</param>
/// <param name="MaxSeen">The latest report time seen (unix microseconds).</param>
/// <param name="Settled">The latest settled instant (unix microseconds): the account's watermark; reports at or before it are late.</param>
/// <param name="Peers">The account's peers.</param>
/// <param name="Pending">Accepted reports not yet settled.</param>
public sealed record SwarmAccountState(
    string Account, int Cap, int CapIndex, long MaxSeen, long Settled, IReadOnlyList<SwarmPeerState> Peers, IReadOnlyList<SwarmPendingReport> Pending);

/// <summary>One peer's accrual state; times are unix microseconds.</summary>
/// <param name="PeerId">The peer.</param>
/// <param name="FirstSeen">When the peer first reported (a leaderboard's "joined").</param>
/// <param name="LastSeen">The time of its latest accepted report.</param>
/// <param name="Counter">The virtual FLOP counter (the last counter reported, advanced by FLOPs-since-last reports).</param>
/// <param name="HasReported">Whether a report of the peer was settled (its first report's work span is the presence timeout).</param>
/// <param name="Live">Whether an active interval is open.</param>
/// <param name="Activation">When the open interval started.</param>
/// <param name="LastReport">The latest settled report time.</param>
/// <param name="Seated">Whether the peer holds a place.</param>
/// <param name="SeatedSince">Start of the unpaid part of the current place.</param>
/// <param name="PlaceSince">When the current place was taken.</param>
/// <param name="PendingCounted">Counted microseconds not yet paid.</param>
/// <param name="TotalCountedFlops">All counted FLOPs.</param>
/// <param name="TotalCountedMicroseconds">All counted active time.</param>
/// <param name="ComputeUnits">Compute micro-points paid so far.</param>
/// <param name="PresenceUnits">Presence micro-points paid so far.</param>
public sealed record SwarmPeerState(
    string PeerId,
    long FirstSeen,
    long LastSeen,
    UInt128 Counter,
    bool HasReported,
    bool Live,
    long Activation,
    long LastReport,
    bool Seated,
    long SeatedSince,
    long PlaceSince,
    long PendingCounted,
    UInt128 TotalCountedFlops,
    long TotalCountedMicroseconds,
    long ComputeUnits,
    long PresenceUnits);

/// <summary>An accepted report not yet settled.</summary>
/// <param name="ReportId">The report id.</param>
/// <param name="PeerId">The peer.</param>
/// <param name="Timestamp">The report time as reported (unix seconds).</param>
/// <param name="CumulativeFlops">The counter, as reported.</param>
/// <param name="FlopsSinceLast">The FLOPs since the last report, as reported.</param>
public sealed record SwarmPendingReport(string ReportId, string PeerId, double Timestamp, double? CumulativeFlops, double? FlopsSinceLast);
