using Scoring;

namespace Swarm.Dashboard;

/// <summary>
/// The answer to <c>POST /reports</c> (and the extension members of its 400 problem). Every line read is exactly one
/// of accepted, duplicate, conflict, late or rejected: <c>Read = Accepted + Duplicates + Conflicts + Late + Rejected</c>,
/// and <see cref="Refused"/> lists the conflicting, late and rejected lines.
/// </summary>
/// <param name="Read">Non-blank lines (array elements) read.</param>
/// <param name="Accepted">Reports newly recorded.</param>
/// <param name="Duplicates">Reports already recorded with the same content (a retry or replay changes nothing).</param>
/// <param name="Conflicts">Reports whose id the peer used before for other content: refused, nothing changed.</param>
/// <param name="Late">Reports at or before their account's settled time (the swarm scheme's watermark): refused, nothing changed.</param>
/// <param name="Rejected">Lines refused as bad: not decodable, not the signing peer's, too far in the future, or refused by the scheme.</param>
/// <param name="Refused">Each conflicting, late or rejected line with its number, outcome, field and reason, in line order.</param>
public sealed record ReportsResponse(long Read, long Accepted, long Duplicates, long Conflicts, long Late, long Rejected, IReadOnlyList<RefusedLine> Refused);

/// <summary>One refused line of a body.</summary>
/// <param name="Line">1-based line (or array element) number.</param>
/// <param name="Outcome"><c>conflict</c>, <c>late</c> or <c>rejected</c>.</param>
/// <param name="Field">The JSON path of the field at fault, or <c>$</c>.</param>
/// <param name="Reason">Why.</param>
public sealed record RefusedLine(long Line, string Outcome, string Field, string Reason);

/// <summary>A peer's credentials from <c>POST /peers</c> or <c>POST /peers/{peerId}/rotate</c>.</summary>
/// <param name="PeerId">The peer.</param>
/// <param name="Account">Its account.</param>
/// <param name="Secret">Its signing secret (shown once).</param>
public sealed record PeerCredentials(string PeerId, string Account, string Secret);

/// <summary>The body of <c>POST /peers</c>.</summary>
/// <param name="PeerId">The peer to register: 1 to 256 characters, no control characters, no <c>:</c>.</param>
/// <param name="Account">The account it belongs to: 1 to 256 characters, no control characters.</param>
public sealed record PeerRequest(string? PeerId, string? Account);

/// <summary>The answer to <c>GET /api/leaderboard</c>.</summary>
/// <param name="AsOf">The time the status was judged at.</param>
/// <param name="AccountCount">How many accounts are ranked.</param>
/// <param name="Rows">The top rows.</param>
public sealed record LeaderboardDocument(DateTimeOffset AsOf, long AccountCount, IReadOnlyList<LeaderboardEntry> Rows);

/// <summary>One leaderboard row.</summary>
/// <param name="Rank">1-based rank.</param>
/// <param name="Username">The account.</param>
/// <param name="ActiveSeconds">Counted peer-seconds of presence.</param>
/// <param name="Joined">First activity.</param>
/// <param name="LastSeen">Latest activity.</param>
/// <param name="Score">Exact points.</param>
/// <param name="Compute">Of which compute points.</param>
/// <param name="Presence">Of which presence points.</param>
/// <param name="Status"><c>online</c> or <c>offline</c>.</param>
public sealed record LeaderboardEntry(long Rank, string Username, long ActiveSeconds, DateTimeOffset? Joined, DateTimeOffset? LastSeen,
    Points Score, Points Compute, Points Presence, string Status);

/// <summary>The answer to <c>GET /api/history</c>: the top accounts' cumulative scores at evenly spaced report times.</summary>
/// <param name="Times">The sample times.</param>
/// <param name="Series">One series per account.</param>
public sealed record HistoryDocument(IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<HistorySeries> Series);

/// <summary>One account's scores at the sample times.</summary>
/// <param name="Username">The account.</param>
/// <param name="Scores">Its cumulative score at each sample time.</param>
public sealed record HistorySeries(string Username, IReadOnlyList<Points> Scores);

/// <summary>The page's settings (<c>GET /api/config</c>), read each refresh so a changed appsettings value applies live.</summary>
/// <param name="RefreshSeconds">Seconds between refreshes.</param>
/// <param name="LeaderboardSize">Rows shown.</param>
public sealed record PageConfig(int RefreshSeconds, int LeaderboardSize);
