using System.Runtime.CompilerServices;

namespace Scoring.Ledger;

/// <summary>
/// The <see cref="ILedgerStore"/> that <c>AddScoring</c> registers: it opens the configured store asynchronously on its
/// first use (or when the host starts, <see cref="LedgerStartup"/>) and then hands every call to it, so no DI factory
/// ever blocks on an open. A failed open is not remembered: the next call tries again (a server that was down may be up).
/// </summary>
/// <param name="open">Opens the real store; called once per attempt, never concurrently.</param>
internal sealed class DeferredLedgerStore(Func<CancellationToken, Task<ILedgerStore>> open) : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task<ILedgerStore>? _pending;
    private volatile ILedgerStore? _store;

    /// <summary>The open store, opening it on the first call.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the open, shared by every caller, runs on.</param>
    /// <exception cref="ObjectDisposedException">The container that owns this store was disposed.</exception>
    public ValueTask<ILedgerStore> OpenAsync(CancellationToken cancellationToken = default) =>
        _store is { } store ? ValueTask.FromResult(store) : new ValueTask<ILedgerStore>(WaitForOpenAsync(cancellationToken));

    /// <summary>
    /// The store behind <paramref name="store"/> when it is a deferred store that has opened, else <paramref name="store"/>
    /// itself: what health checks and telemetry name (a <c>SqliteLedgerStore</c>, not this wrapper).
    /// </summary>
    internal static ILedgerStore Unwrap(ILedgerStore store) => store is DeferredLedgerStore { _store: { } opened } ? opened : store;

    private Task<ILedgerStore> WaitForOpenAsync(CancellationToken cancellationToken)
    {
        Task<ILedgerStore> pending;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            // One open at a time, shared; one that failed is dropped so the next call tries again.
            if (_pending is null || _pending.IsFaulted || _pending.IsCanceled)
                _pending = Task.Run(OpenOnceAsync);
            pending = _pending;
        }
        return pending.WaitAsync(cancellationToken);
    }

    private async Task<ILedgerStore> OpenOnceAsync() => _store = await open(_disposed.Token).ConfigureAwait(false);

    public async Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).WriteAsync(work, cancellationToken).ConfigureAwait(false);

    public async Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).AppendAsync(batch, cancellationToken).ConfigureAwait(false);

    public async Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).ContainsReportAsync(scheme, producer, reportId, cancellationToken).ConfigureAwait(false);

    public async Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).GetAccountTotalsAsync(account, window, scheme, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var totals in store.ListAccountTotalsAsync(window, scheme, cancellationToken).ConfigureAwait(false))
            yield return totals;
    }

    public async IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(
        string account, LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var totals in store.ListPeerTotalsAsync(account, window, scheme, cancellationToken).ConfigureAwait(false))
            yield return totals;
    }

    public async Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).GetLeaderboardAsync(query, cancellationToken).ConfigureAwait(false);

    public async Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).GetRankAsync(account, query, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<LedgerEntry> ListEntriesAsync(EntryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entry in store.ListEntriesAsync(query, cancellationToken).ConfigureAwait(false))
            yield return entry;
    }

    public async Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default) =>
        await (await OpenAsync(cancellationToken).ConfigureAwait(false)).GetSummaryAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(
        string scheme, string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var pair in store.ReadStateAsync(scheme, prefix, cancellationToken).ConfigureAwait(false))
            yield return pair;
    }

    /// <summary>Stops an open in progress and closes the store if it was opened.</summary>
    public async ValueTask DisposeAsync()
    {
        Task<ILedgerStore>? pending;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
                return;
            _disposed.Cancel();
            pending = _pending;
        }
        if (pending is not null)
        {
            // An open in progress ends (cancelled, failed or done) before the store it may have produced is closed.
            await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (_store is { } store)
        {
            // Later calls take the slow path, which refuses them.
            _store = null;
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
