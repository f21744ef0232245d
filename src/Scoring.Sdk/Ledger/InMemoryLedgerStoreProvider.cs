namespace Scoring.Ledger;

/// <summary>Opens a new, empty <see cref="InMemoryLedgerStore"/> for <see cref="LedgerStoreKind.InMemory"/>.</summary>
/// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
internal sealed class InMemoryLedgerStoreProvider(TimeProvider? timeProvider = null) : ILedgerStoreProvider
{
    public LedgerStoreKind Kind => LedgerStoreKind.InMemory;

    public Task<ILedgerStore> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default) =>
        Task.FromResult<ILedgerStore>(new InMemoryLedgerStore(timeProvider));
}
