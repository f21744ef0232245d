namespace Scoring.Ledger;

/// <summary>A page of a leaderboard.</summary>
/// <param name="Rows">The ranked rows, best first.</param>
/// <param name="AccountCount">How many accounts the whole leaderboard ranks.</param>
/// <param name="AsOf">The time the online status was judged at.</param>
public sealed record Leaderboard(IReadOnlyList<LeaderboardRow> Rows, long AccountCount, DateTimeOffset AsOf);
