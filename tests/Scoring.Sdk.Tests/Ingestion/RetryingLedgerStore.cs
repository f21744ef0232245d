using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary>
/// A ledger that runs every write transaction's work twice, rolling the first run back, as a store does after a
/// transient conflict (a busy SQLite file, a PostgreSQL serialization failure). Whatever uses it must end up exactly
/// as with the plain store: scoring may depend only on the transaction, never on what an earlier attempt left in memory.
/// </summary>
/// <param name="inner">The store that keeps the data.</param>
internal sealed class RetryingLedgerStore(ILedgerStore inner) : ILedgerStore
{
    /// <summary>How many attempts were rolled back.</summary>
    public int RolledBack { get; private set; }

    public async Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.WriteAsync<T>(async (transaction, token) =>
            {
                await work(transaction, token);
                throw new AttemptRolledBack();
            }, cancellationToken);
        }
        catch (AttemptRolledBack)
        {
            RolledBack++;
        }
        return await inner.WriteAsync(work, cancellationToken);
    }

    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default) => inner.AppendAsync(batch, cancellationToken);

    public Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default) =>
        inner.ContainsReportAsync(scheme, producer, reportId, cancellationToken);

    public Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        inner.GetAccountTotalsAsync(account, window, scheme, cancellationToken);

    public IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        inner.ListAccountTotalsAsync(window, scheme, cancellationToken);

    public IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        inner.ListPeerTotalsAsync(account, window, scheme, cancellationToken);

    public Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default) => inner.GetLeaderboardAsync(query, cancellationToken);

    public Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default) =>
        inner.GetRankAsync(account, query, cancellationToken);

    public IAsyncEnumerable<LedgerEntry> ListEntriesAsync(EntryQuery query, CancellationToken cancellationToken = default) => inner.ListEntriesAsync(query, cancellationToken);

    public Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default) => inner.GetSummaryAsync(cancellationToken);

    public IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(string scheme, string prefix = "", CancellationToken cancellationToken = default) =>
        inner.ReadStateAsync(scheme, prefix, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class AttemptRolledBack : Exception;
}
