using Microsoft.Extensions.DependencyInjection;
using Scoring.Ledger;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// The host's ledger store with one hook: the next write transaction, once its work is done and before it commits, is
/// held open until it is cancelled (the request's client went away) — so a test can cut a connection at the moment a
/// body is being written and see what the rollback leaves.
/// </summary>
internal sealed class HoldingLedger : ILedgerStore
{
    private ILedgerStore? _inner;
    private TaskCompletionSource? _holding;
    private TaskCompletionSource? _released;
    private int _armed;

    private ILedgerStore Inner => _inner ?? throw new InvalidOperationException("Wrap the services first.");

    /// <summary>Completes when the held transaction has done its work and waits.</summary>
    public Task Holding => _holding?.Task ?? throw new InvalidOperationException("HoldNextWrite first.");

    /// <summary>Completes when the held transaction was cancelled and rolled back.</summary>
    public Task Released => _released?.Task ?? throw new InvalidOperationException("HoldNextWrite first.");

    /// <summary>Puts this store in front of the one the host registered.</summary>
    public void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILedgerStore));
        services.Remove(registered);
        services.AddSingleton<ILedgerStore>(provider =>
        {
            _inner = (ILedgerStore)(registered.ImplementationInstance ?? registered.ImplementationFactory!(provider));
            return this;
        });
    }

    public void HoldNextWrite()
    {
        _holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
    }

    public async Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 0)
            return await Inner.WriteAsync(work, cancellationToken);
        var (holding, released) = (_holding!, _released!);
        try
        {
            return await Inner.WriteAsync(async (transaction, token) =>
            {
                var result = await work(transaction, token);
                holding.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return result;
            }, cancellationToken);
        }
        finally
        {
            released.TrySetResult();
        }
    }

    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default) => Inner.AppendAsync(batch, cancellationToken);

    public Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default) =>
        Inner.ContainsReportAsync(scheme, producer, reportId, cancellationToken);

    public Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        Inner.GetAccountTotalsAsync(account, window, scheme, cancellationToken);

    public IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        Inner.ListAccountTotalsAsync(window, scheme, cancellationToken);

    public IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default) =>
        Inner.ListPeerTotalsAsync(account, window, scheme, cancellationToken);

    public Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default) => Inner.GetLeaderboardAsync(query, cancellationToken);

    public Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default) =>
        Inner.GetRankAsync(account, query, cancellationToken);

    public IAsyncEnumerable<LedgerEntry> ListEntriesAsync(EntryQuery query, CancellationToken cancellationToken = default) => Inner.ListEntriesAsync(query, cancellationToken);

    public Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default) => Inner.GetSummaryAsync(cancellationToken);

    public IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(string scheme, string prefix = "", CancellationToken cancellationToken = default) =>
        Inner.ReadStateAsync(scheme, prefix, cancellationToken);

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
