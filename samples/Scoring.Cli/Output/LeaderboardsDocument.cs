namespace Scoring.Cli.Output;

/// <summary>
/// The JSON result of <c>scoring leaderboard</c> without <c>--scheme</c>: one leaderboard per currency with entries, as
/// <c>score</c> writes them, since different currencies are never added together (schema in docs/cli.md).
/// </summary>
internal sealed record LeaderboardsDocument(IReadOnlyList<CurrencyLeaderboard> Leaderboards);
