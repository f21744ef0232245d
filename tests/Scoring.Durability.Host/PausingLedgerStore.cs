using Scoring.Ledger;

namespace Scoring.Durability.Host;

/// <summary>
/// Holds every write transaction open for a while after its work is done and before it commits, so a kill lands
/// inside an open transaction (everything written, nothing committed) as often as between two.
/// </summary>
public sealed class PausingLedgerStore(ILedgerStore inner, TimeSpan pause) : DelegatingLedgerStore(inner)
{
    /// <inheritdoc />
    public override Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default) =>
        Inner.WriteAsync(async (transaction, token) =>
        {
            var result = await work(transaction, token).ConfigureAwait(false);
            await Task.Delay(pause, token).ConfigureAwait(false);
            return result;
        }, cancellationToken);
}
