namespace Scoring.Ledger;

/// <summary>One peer's totals within one account (a peer that moved between accounts has one row per account).</summary>
/// <param name="Account">The account id.</param>
/// <param name="Peer">The peer id; empty for account-wide slashes and adjustments.</param>
/// <param name="Total">The sum of all parts.</param>
/// <param name="Parts">The total split by posting kind (every kind with an entry, even when it sums to zero).</param>
/// <param name="ActiveSeconds">Counted active seconds (summed from the activity postings that carry them), a leaderboard column.</param>
/// <param name="FirstSeen">The earliest report time of an activity entry, if any.</param>
/// <param name="LastSeen">The latest report time of an activity entry, if any.</param>
/// <param name="EntryCount">How many entries were summed.</param>
public sealed record PeerTotals(
    string Account,
    string Peer,
    Points Total,
    ScoreParts Parts,
    long ActiveSeconds,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    long EntryCount);
