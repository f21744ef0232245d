using Scoring.Durability.Host;
using Scoring.Ledger;

namespace Scoring.Durability.Tests.Harness;

/// <summary>One writer's view of a shared ledger: each write transaction waits for the writer's turn in <see cref="WriteTurns"/>.</summary>
internal sealed class TurnTakingLedgerStore(ILedgerStore shared, WriteTurns turns, int writer) : DelegatingLedgerStore(shared)
{
    public override async Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        using var turn = await turns.TakeAsync(writer);
        return await Inner.WriteAsync(work, cancellationToken);
    }
}
