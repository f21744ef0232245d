namespace Scoring.Ledger;

/// <summary>An account's totals over all its entries (or over the entries of a window), of one ledger scheme or summed over every scheme.</summary>
/// <param name="Account">The account id.</param>
/// <param name="Total">The score: the sum of all parts.</param>
/// <param name="Parts">The score split by posting kind (every kind with an entry, even when it sums to zero).</param>
/// <param name="ActiveSeconds">Counted active seconds (summed from the activity postings that carry them), a leaderboard column.</param>
/// <param name="FirstSeen">The earliest report time of an activity entry; null when the account only has slashes or adjustments.</param>
/// <param name="LastSeen">The latest report time of an activity entry; null likewise.</param>
/// <param name="EntryCount">How many entries were summed.</param>
public sealed record AccountTotals(
    string Account,
    Points Total,
    ScoreParts Parts,
    long ActiveSeconds,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    long EntryCount);
