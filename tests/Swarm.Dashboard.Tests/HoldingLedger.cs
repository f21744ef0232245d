using Microsoft.Extensions.DependencyInjection;
using Scoring.Durability.Host;
using Scoring.Ledger;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// Puts a hook in front of the host's ledger store: the next write transaction, once its work is done and before it
/// commits, is held open until it is cancelled (the request's client went away) — so a test can cut a connection at
/// the moment a body is being written and see what the rollback leaves.
/// </summary>
internal sealed class HoldingLedger
{
    private TaskCompletionSource? _holding;
    private TaskCompletionSource? _released;
    private int _armed;

    /// <summary>Completes when the held transaction has done its work and waits.</summary>
    public Task Holding => _holding?.Task ?? throw new InvalidOperationException("HoldNextWrite first.");

    /// <summary>Completes when the held transaction was cancelled and rolled back.</summary>
    public Task Released => _released?.Task ?? throw new InvalidOperationException("HoldNextWrite first.");

    /// <summary>Puts the hook in front of the store the host registered.</summary>
    public void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILedgerStore));
        services.Remove(registered);
        services.AddSingleton<ILedgerStore>(provider =>
            new HeldStore((ILedgerStore)(registered.ImplementationInstance ?? registered.ImplementationFactory!(provider)), this));
    }

    public void HoldNextWrite()
    {
        _holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>The registered store with the hook on its writes; it owns the store it replaced in the container.</summary>
    private sealed class HeldStore(ILedgerStore inner, HoldingLedger hook) : DelegatingLedgerStore(inner)
    {
        public override async Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref hook._armed, 0) == 0)
                return await Inner.WriteAsync(work, cancellationToken);
            var (holding, released) = (hook._holding!, hook._released!);
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

        public override async ValueTask DisposeAsync()
        {
            await Inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
