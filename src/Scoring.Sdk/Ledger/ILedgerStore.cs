namespace Scoring.Ledger;

/// <summary>
/// An append-only, idempotent points ledger with running totals and durable scheme state. Implementations:
/// <see cref="InMemoryLedgerStore"/> (tests, dry runs), <c>SqliteLedgerStore</c> (package Scoring.Ledger.Sqlite, the
/// durable default) and <c>PostgresLedgerStore</c> (package Scoring.Ledger.PostgreSql). Every implementation passes the same contract tests; all of them are
/// safe to call from several threads.
/// </summary>
/// <remarks>
/// Running totals are kept per (ledger scheme, account) and per (scheme, account, kind); a ledger scheme is a point
/// currency such as <c>swarm</c> or <c>jobs.llama</c>. A read with a scheme reads that scheme's totals; a read without
/// one sums every scheme's totals per account, which adds different currencies together.
/// </remarks>
public interface ILedgerStore : IAsyncDisposable
{
    /// <summary>
    /// Runs <paramref name="work"/> inside one write transaction: commits when it returns, rolls back when it throws
    /// (or is cancelled). When the storage engine reports a transient conflict (SQLite busy or locked past the busy
    /// timeout, a PostgreSQL serialization failure or deadlock) the transaction is rolled back and the work is run
    /// again from the start, so the work must only touch the ledger through the transaction and be safe to repeat.
    /// </summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="work">The work; do not call this store from inside it (use the transaction).</param>
    /// <param name="cancellationToken">Passed to the work; cancels before the commit.</param>
    /// <returns>What the committed run of the work returned.</returns>
    Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a batch in one write transaction: computes each report's <see cref="ReportKey"/> (its producer, id and
    /// <see cref="LedgerReports.ContentHash"/>), classifies the keys, records the new ones and appends their entries.
    /// Duplicates and conflicts (a key seen before, in the ledger or earlier in the batch) are counted and skipped.
    /// All of it is committed, or — on a validation error, an overflow, a cancellation or a storage error — none of it.
    /// </summary>
    /// <param name="batch">The reports to append.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <returns>How many reports were appended, duplicates and conflicts, and how many entries were written.</returns>
    /// <exception cref="LedgerValidationException">A report is invalid (nothing written).</exception>
    /// <exception cref="LedgerOverflowException">A running total would overflow (nothing written).</exception>
    Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Whether the report key (scheme, producer, report id) was recorded.</summary>
    /// <param name="scheme">The report's scheme.</param>
    /// <param name="producer">The report's producer (empty for operator and scheme-generated reports).</param>
    /// <param name="reportId">The report's id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One account's totals over a window: all time (the default) reads the running totals, a window aggregates the
    /// entries in it. With a scheme, that scheme's totals; without, the sum over every scheme.
    /// </summary>
    /// <param name="account">The account id.</param>
    /// <param name="window">The report-time window.</param>
    /// <param name="scheme">Only this ledger scheme; null sums every scheme.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The totals, or null when the account has no entry in the window (and scheme).</returns>
    Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default);

    /// <summary>The same as <see cref="GetAccountTotalsAsync(string, LedgerWindow, string?, CancellationToken)"/> over every scheme (the call shape before schemes).</summary>
    /// <param name="account">The account id.</param>
    /// <param name="window">The report-time window.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window, CancellationToken cancellationToken) =>
        GetAccountTotalsAsync(account, window, null, cancellationToken);

    /// <summary>Every account's totals over a window (and scheme), ordered by account id (code point order).</summary>
    /// <param name="window">The report-time window.</param>
    /// <param name="scheme">Only this ledger scheme; null sums every scheme.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default);

    /// <summary>The same as <see cref="ListAccountTotalsAsync(LedgerWindow, string?, CancellationToken)"/> over every scheme (the call shape before schemes).</summary>
    /// <param name="window">The report-time window.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(LedgerWindow window, CancellationToken cancellationToken) =>
        ListAccountTotalsAsync(window, null, cancellationToken);

    /// <summary>
    /// An account's totals per peer over a window (and scheme), ordered by peer id (code point order); account-wide
    /// slashes and adjustments are the row with the empty peer id. Summed from the account's entries (a drill-down,
    /// not a running total).
    /// </summary>
    /// <param name="account">The account id.</param>
    /// <param name="window">The report-time window.</param>
    /// <param name="scheme">Only this ledger scheme; null sums every scheme.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default);

    /// <summary>The same as <see cref="ListPeerTotalsAsync(string, LedgerWindow, string?, CancellationToken)"/> over every scheme (the call shape before schemes).</summary>
    /// <param name="account">The account id.</param>
    /// <param name="window">The report-time window.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(string account, LedgerWindow window, CancellationToken cancellationToken) =>
        ListPeerTotalsAsync(account, window, null, cancellationToken);

    /// <summary>
    /// A page of the leaderboard in <see cref="LeaderboardOrder"/>. All time, or "as of" at or after the latest report,
    /// reads the running totals (of <see cref="LeaderboardQuery.Scheme"/>, or summed over every scheme); any other
    /// window aggregates the entries in it.
    /// </summary>
    /// <param name="query">Scheme, window, as-of time, page and online timeout.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default);

    /// <summary>One account's leaderboard row (its rank among all accounts of the query's scheme and window).</summary>
    /// <param name="account">The account id.</param>
    /// <param name="query">Scheme, window, as-of time and online timeout (<see cref="LeaderboardQuery.Top"/> and <see cref="LeaderboardQuery.Offset"/> are ignored).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The row, or null when the account has no entry in the window.</returns>
    Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default);

    /// <summary>Entries in recording order, filtered; page with <see cref="EntryQuery.AfterSequence"/>.</summary>
    /// <param name="query">Filters and page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<LedgerEntry> ListEntriesAsync(EntryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts and the latest report time.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one scheme's state outside a write transaction (for inspection and status pages): the committed keys
    /// under <paramref name="prefix"/> with their values, in ordinal (code point) order.
    /// </summary>
    /// <param name="scheme">The state's scheme.</param>
    /// <param name="prefix">The key prefix; empty for every key.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(string scheme, string prefix = "", CancellationToken cancellationToken = default);
}
