namespace Scoring.Rules.Swarm;

/// <summary>
/// Everything a <see cref="SwarmAccrual"/> knows, as plain serializable records (System.Text.Json round-trips it),
/// so an ingesting process can persist it and resume after a restart with <see cref="SwarmAccrual.Restore"/>.
/// </summary>
/// <param name="Version">The state format version (<see cref="CurrentVersion"/>).</param>
/// <param name="NextSequence">The arrival number the next report gets.</param>
/// <param name="Peers">Every peer seen.</param>
/// <param name="Accounts">Every account seen.</param>
public sealed record SwarmAccrualState(int Version, long NextSequence, IReadOnlyList<SwarmPeerState> Peers, IReadOnlyList<SwarmAccountState> Accounts)
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentVersion = 1;
}

/// <summary>One peer's accrual state; times are unix microseconds.</summary>
/// <param name="PeerId">The peer.</param>
/// <param name="Account">Its account.</param>
/// <param name="FirstSeen">When the peer first reported (a leaderboard's "joined").</param>
/// <param name="LastSeen">The time of its latest accepted report.</param>
/// <param name="LastReportId">The id of its latest accepted report (duplicates of it are rejected).</param>
/// <param name="Counter">The virtual FLOP counter.</param>
/// <param name="PendingFlopsBound">The most FLOPs its unsettled reports can add.</param>
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
    string Account,
    long FirstSeen,
    long LastSeen,
    string? LastReportId,
    UInt128 Counter,
    UInt128 PendingFlopsBound,
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

/// <summary>One account's accrual state.</summary>
/// <param name="Account">The account.</param>
/// <param name="Cap">The peer cap in force at <paramref name="Settled"/>.</param>
/// <param name="CapIndex">How many scheduled cap changes have been applied.</param>
/// <param name="MaxSeen">The latest report time seen (unix microseconds).</param>
/// <param name="Settled">The latest settled instant (unix microseconds).</param>
/// <param name="Pending">Reports not yet settled.</param>
public sealed record SwarmAccountState(string Account, int Cap, int CapIndex, long MaxSeen, long Settled, IReadOnlyList<SwarmPendingReport> Pending);
