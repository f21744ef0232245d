namespace Scoring.Cli.Output;

/// <summary>The JSON result of <c>scoring score</c> for a points scheme (schema in docs/cli.md).</summary>
/// <param name="Scheme">The scheme scored.</param>
/// <param name="RuleSets">The rule-set versions the scheme evaluated.</param>
/// <param name="Counts">What happened to the lines.</param>
/// <param name="Settled">Whether the run settled the scheme (false with <c>--keep-open</c>).</param>
/// <param name="Leaderboards">One leaderboard per currency of the scheme.</param>
internal sealed record ScoreDocument(
    string Scheme, IReadOnlyList<RuleSetReference> RuleSets, ScoreCounts Counts, bool Settled, IReadOnlyList<CurrencyLeaderboard> Leaderboards)
{
    /// <summary>Wall time of the ingestion, in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>Lines read per second.</summary>
    public double ReportsPerSecond { get; init; }

    /// <summary>The <c>--rejects</c> file refused lines were appended to, or null.</summary>
    public string? Rejects { get; init; }
}

/// <summary>A rule-set version used by the run.</summary>
internal sealed record RuleSetReference(string Id, string Version, string Hash);

/// <summary>The counts of a run: read = scored + duplicates + conflicts + late + rejected; entries are counted apart.</summary>
internal sealed record ScoreCounts(long Read, long Scored, long Duplicates, long Conflicts, long Late, long Rejected, long Entries);

/// <summary>The leaderboard of one currency (one ledger scheme) and the posting kinds it pays.</summary>
internal sealed record CurrencyLeaderboard(string Currency, string Title, IReadOnlyList<string> Kinds, LeaderboardDocument Leaderboard)
{
    public static CurrencyLeaderboard From(Scoring.Schemes.Currency currency, Scoring.Ledger.Leaderboard board) =>
        new(currency.Name, currency.Title, currency.Kinds, LeaderboardDocument.From(board));
}
