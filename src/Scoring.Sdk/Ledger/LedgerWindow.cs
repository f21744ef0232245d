namespace Scoring.Ledger;

/// <summary>
/// A period of report time: entries with <c>From &lt;= ReportTime &lt; To</c>. A missing bound is open;
/// <c>default</c> is all time. Epochs are windows: e.g. one window per week.
/// </summary>
/// <param name="From">Inclusive start, or null for the beginning.</param>
/// <param name="To">Exclusive end, or null for no end.</param>
public readonly record struct LedgerWindow(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>All time.</summary>
    public static LedgerWindow All => default;

    /// <summary>Whether neither bound is set.</summary>
    public bool IsAll => From is null && To is null;

    internal TickRange ToTicks(DateTimeOffset? asOf = null)
    {
        long from = From?.UtcTicks ?? long.MinValue;
        long to = To?.UtcTicks ?? long.MaxValue;
        if (From is not null && To is not null && from >= to)
            throw new ArgumentException($"The window's From ({From:O}) must be before its To ({To:O}).");
        // "As of T" sees only reports up to and including T.
        if (asOf is { } at && at.UtcTicks < to)
            to = at.UtcTicks + 1;
        return new TickRange(from, to);
    }
}
