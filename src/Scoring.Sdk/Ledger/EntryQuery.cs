namespace Scoring.Ledger;

/// <summary>Which entries to list, in recording order (<see cref="LedgerEntry.Sequence"/>). Null filters match anything.</summary>
public sealed record EntryQuery
{
    /// <summary>Only this account's entries.</summary>
    public string? Account { get; init; }

    /// <summary>Only this scheme's entries.</summary>
    public string? Scheme { get; init; }

    /// <summary>
    /// Only entries with this report id (combine with <see cref="Scheme"/>). Entries are not indexed by report id in
    /// SQLite: combine with <see cref="Account"/> or <see cref="Window"/> on a large ledger.
    /// </summary>
    public string? ReportId { get; init; }

    /// <summary>Only entries whose report time is in this window.</summary>
    public LedgerWindow Window { get; init; }

    /// <summary>Only entries recorded after this sequence number (for paging: pass the last one seen).</summary>
    public long AfterSequence { get; init; }

    /// <summary>At most this many entries; at least 1.</summary>
    public int Limit { get; init; } = 1000;

    internal void Validate()
    {
        if (Limit < 1)
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "Limit must be at least 1.");
        _ = Window.ToTicks();
    }
}
