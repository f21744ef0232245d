namespace Scoring.Ledger;

/// <summary>
/// The one leaderboard order every store uses: higher score first; on equal scores the account seen first
/// (earlier <see cref="AccountTotals.FirstSeen"/>; accounts never seen, with only manual entries, last);
/// then the account id by Unicode code point (UTF-8 byte order). No two accounts compare equal, so ranks
/// are unique and reproducible.
/// </summary>
public sealed class LeaderboardOrder : IComparer<AccountTotals>
{
    /// <summary>The order.</summary>
    public static readonly LeaderboardOrder Instance = new();

    private LeaderboardOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(AccountTotals? x, AccountTotals? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return 1;
        if (y is null) return -1;
        int byScore = y.Total.CompareTo(x.Total);
        if (byScore != 0) return byScore;
        int byFirstSeen = (x.FirstSeen?.UtcTicks ?? TotalsRow.NoFirstSeen).CompareTo(y.FirstSeen?.UtcTicks ?? TotalsRow.NoFirstSeen);
        if (byFirstSeen != 0) return byFirstSeen;
        return CodePointComparer.Instance.Compare(x.Account, y.Account);
    }

    internal static LeaderboardRow ToRow(AccountTotals totals, long rank, DateTimeOffset asOf, TimeSpan onlineTimeout) => new(
        rank,
        totals.Account,
        totals.Total,
        totals.Parts,
        totals.ActiveSeconds,
        totals.FirstSeen,
        totals.LastSeen,
        LedgerTime.StatusOf(totals.LastSeen?.UtcTicks ?? TotalsRow.NoLastSeen, asOf, onlineTimeout));
}
