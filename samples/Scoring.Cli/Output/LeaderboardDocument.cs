using Scoring.Ledger;

namespace Scoring.Cli.Output;

/// <summary>The JSON form of a leaderboard (schema in docs/cli.md).</summary>
/// <param name="AsOf">Unix seconds the statuses were computed for.</param>
/// <param name="Accounts">Accounts ranked in the window.</param>
/// <param name="Rows">The rows shown.</param>
internal sealed record LeaderboardDocument(long AsOf, long Accounts, IReadOnlyList<LeaderboardRowDocument> Rows)
{
    public static LeaderboardDocument From(Leaderboard board) => new(
        board.AsOf.ToUnixTimeSeconds(),
        board.AccountCount,
        board.Rows.Select(LeaderboardRowDocument.From).ToArray());
}

/// <summary>One leaderboard row in JSON; amounts are exact decimal points, <c>parts</c> the score by posting kind.</summary>
internal sealed record LeaderboardRowDocument(
    long Rank,
    string Account,
    Points Score,
    IReadOnlyDictionary<string, Points> Parts,
    long ActiveSeconds,
    long? Joined,
    long? LastSeen,
    string Status)
{
    public static LeaderboardRowDocument From(LeaderboardRow row) => new(
        row.Rank,
        row.Account,
        row.Score,
        row.Parts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        row.ActiveSeconds,
        row.Joined?.ToUnixTimeSeconds(),
        row.LastSeen?.ToUnixTimeSeconds(),
        row.Status == AccountStatus.Online ? "online" : "offline");
}
