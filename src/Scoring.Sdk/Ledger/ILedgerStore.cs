namespace Scoring.Ledger;

/// <summary>
/// An append-only, idempotent points ledger with running totals. Implementations: <see cref="InMemoryLedgerStore"/>
/// (tests, dry runs) and <see cref="SqliteLedgerStore"/> (the durable default). Every implementation passes
/// the same contract tests; all of them are safe to call from several threads.
/// </summary>
public interface ILedgerStore : IAsyncDisposable
{
    /// <summary>
    /// Appends a batch in one transaction: all of it is committed, or — on a validation error, an overflow, a
    /// cancellation or a storage error — none of it. Reports whose (scheme, report id) was appended before,
    /// or occurs earlier in the same batch, are skipped and counted as duplicates.
    /// </summary>
    /// <param name="batch">The reports to append.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <returns>How many reports were appended and how many were duplicates.</returns>
    /// <exception cref="LedgerValidationException">A report is invalid (nothing written).</exception>
    /// <exception cref="LedgerOverflowException">A running total would overflow (nothing written).</exception>
    Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Whether a report with this scheme and id was appended.</summary>
    /// <param name="scheme">The report's scheme.</param>
    /// <param name="reportId">The report's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<bool> ContainsReportAsync(string scheme, string reportId, CancellationToken cancellationToken = default);

    /// <summary>One account's totals over a window (all time by default, read from the running totals).</summary>
    /// <param name="account">The account id.</param>
    /// <param name="window">The report-time window.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The totals, or null when the account has no entry in the window.</returns>
    Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, CancellationToken cancellationToken = default);

    /// <summary>Every account's totals over a window, ordered by account id (code point order).</summary>
    /// <param name="window">The report-time window.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(LedgerWindow window = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// An account's totals per peer over a window, ordered by peer id (code point order); account-wide slashes and
    /// adjustments are the row with the empty peer id. Summed from the account's entries (a drill-down, not a running total).
    /// </summary>
    /// <param name="account">The account id.</param>
    /// <param name="window">The report-time window.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(string account, LedgerWindow window = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the leaderboard in <see cref="LeaderboardOrder"/>. All time uses the running totals; a window
    /// or an "as of" before the latest report aggregates the entries in it.
    /// </summary>
    /// <param name="query">Window, as-of time, page and online timeout.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default);

    /// <summary>One account's leaderboard row (its rank among all accounts of the query's window).</summary>
    /// <param name="account">The account id.</param>
    /// <param name="query">Window, as-of time and online timeout (<see cref="LeaderboardQuery.Top"/> and <see cref="LeaderboardQuery.Offset"/> are ignored).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The row, or null when the account has no entry in the window.</returns>
    Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default);

    /// <summary>Entries in recording order, filtered; page with <see cref="EntryQuery.AfterSequence"/>.</summary>
    /// <param name="query">Filters and page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<LedgerEntry> ListEntriesAsync(EntryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts and the grand total.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default);
}
