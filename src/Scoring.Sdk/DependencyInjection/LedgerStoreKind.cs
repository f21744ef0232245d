namespace Scoring;

/// <summary>
/// Which <see cref="Ledger.ILedgerStore"/> a host gets from <c>AddScoring</c>; each kind but <see cref="InMemory"/> is
/// opened by its storage package (<see cref="Ledger.ILedgerStoreProvider"/>).
/// </summary>
public enum LedgerStoreKind
{
    /// <summary>The durable SQLite file (<c>SqliteLedgerStore</c>, package Scoring.Ledger.Sqlite); the default.</summary>
    Sqlite = 0,

    /// <summary>A process-local store (<see cref="Ledger.InMemoryLedgerStore"/>) for tests and dry runs.</summary>
    InMemory = 1,

    /// <summary>A PostgreSQL server (<c>PostgresLedgerStore</c>, package Scoring.Ledger.PostgreSql), shared by several workers.</summary>
    Postgres = 2,
}
