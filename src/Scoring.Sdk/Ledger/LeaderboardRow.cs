namespace Scoring.Ledger;

/// <summary>One ranked account.</summary>
/// <param name="Rank">1-based position in the documented order (<see cref="LeaderboardOrder"/>).</param>
/// <param name="Account">The account id.</param>
/// <param name="Score">The total points in the leaderboard's window.</param>
/// <param name="Parts">The score split by posting kind (every kind with an entry, even when it sums to zero).</param>
/// <param name="ActiveSeconds">Counted active seconds (summed from the activity postings that carry them), a leaderboard column.</param>
/// <param name="Joined">First seen: the earliest activity report time in the window, if any.</param>
/// <param name="LastSeen">The latest activity report time in the window, if any.</param>
/// <param name="Status">Online or offline as of the leaderboard's time.</param>
public sealed record LeaderboardRow(
    long Rank,
    string Account,
    Points Score,
    ScoreParts Parts,
    long ActiveSeconds,
    DateTimeOffset? Joined,
    DateTimeOffset? LastSeen,
    AccountStatus Status);
