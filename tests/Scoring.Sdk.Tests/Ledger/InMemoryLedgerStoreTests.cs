using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ledger;

public sealed class InMemoryLedgerStoreTests : LedgerStoreContract
{
    protected override Task<ILedgerStore> CreateAsync(TimeProvider time) => Task.FromResult<ILedgerStore>(new InMemoryLedgerStore(time));
}
