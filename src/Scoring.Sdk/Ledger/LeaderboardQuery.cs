namespace Scoring.Ledger;

/// <summary>Which leaderboard to compute: period, point in time, page, and what counts as online.</summary>
public sealed record LeaderboardQuery
{
    /// <summary>The default <see cref="OnlineTimeout"/>: two minutes.</summary>
    public static readonly TimeSpan DefaultOnlineTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The report-time window scored; all time by default.</summary>
    public LedgerWindow Window { get; init; }

    /// <summary>
    /// The time the leaderboard is "as of": reports after it are left out, and the online status is judged
    /// at it. Null means now (the store's <see cref="TimeProvider"/>) with nothing left out.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>How many rows to return (top-N); at least 1.</summary>
    public int Top { get; init; } = 100;

    /// <summary>
    /// Rank only this ledger scheme (e.g. <c>swarm</c>, or one currency such as <c>jobs.llama</c>), by its running totals
    /// (all time) or its entries (a window); null ranks every scheme's totals summed per account, which adds different
    /// currencies together.
    /// </summary>
    public string? Scheme { get; init; }

    /// <summary>How many ranked rows to skip first (for paging); at least 0.</summary>
    public int Offset { get; init; }

    /// <summary>An account is online when its last activity is at most this long before the query time.</summary>
    public TimeSpan OnlineTimeout { get; init; } = DefaultOnlineTimeout;

    internal void Validate()
    {
        if (Top < 1)
            throw new ArgumentOutOfRangeException(nameof(Top), Top, "Top must be at least 1.");
        if (Offset < 0)
            throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "Offset must not be negative.");
        if (OnlineTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(OnlineTimeout), OnlineTimeout, "OnlineTimeout must not be negative.");
        _ = Window.ToTicks();
    }
}
