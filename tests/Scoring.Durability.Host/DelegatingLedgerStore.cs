using Scoring.Ledger;

namespace Scoring.Durability.Host;

/// <summary>A ledger store that passes every call to another; a test store overrides what it changes.</summary>
public abstract class DelegatingLedgerStore(ILedgerStore inner) : ILedgerStore
{
    /// <summary>The store every call goes to.</summary>
    protected ILedgerStore Inner { get; } = inner;

    /// <inheritdoc />
    public virtual Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default) =>
        Inner.WriteAsync(work, cancellationToken);

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default) => Inner.AppendAsync(batch, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default) =>
        Inner.ContainsReportAsync(scheme, producer, reportId, cancellationToken);

    /// <inheritdoc />
    public Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        Inner.GetAccountTotalsAsync(account, window, scheme, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        Inner.ListAccountTotalsAsync(window, scheme, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        Inner.ListPeerTotalsAsync(account, window, scheme, cancellationToken);

    /// <inheritdoc />
    public Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default) =>
        Inner.GetLeaderboardAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default) =>
        Inner.GetRankAsync(account, query, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<LedgerEntry> ListEntriesAsync(EntryQuery query, CancellationToken cancellationToken = default) =>
        Inner.ListEntriesAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default) => Inner.GetSummaryAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(string scheme, string prefix = "", CancellationToken cancellationToken = default) =>
        Inner.ReadStateAsync(scheme, prefix, cancellationToken);

    /// <summary>Does not dispose <see cref="Inner"/>: whoever opened it closes it.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
