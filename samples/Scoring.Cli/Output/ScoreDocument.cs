namespace Scoring.Cli.Output;

/// <summary>The JSON result of <c>scoring score</c> (schema in docs/cli.md).</summary>
internal sealed record ScoreDocument(string Scheme, IReadOnlyList<RuleSetReference> RuleSets, ScoreCounts Counts, IReadOnlyList<SchemeLeaderboard> Leaderboards);

/// <summary>A rule-set version used by the run.</summary>
internal sealed record RuleSetReference(string Id, string Version, string Hash);

/// <summary>The counts of a run: read = scored + duplicates + rejected.</summary>
internal sealed record ScoreCounts(long Read, long Scored, long Duplicates, long Rejected, long Entries);

/// <summary>The leaderboard of one ledger scheme (one point currency).</summary>
internal sealed record SchemeLeaderboard(string Scheme, LeaderboardDocument Leaderboard);
