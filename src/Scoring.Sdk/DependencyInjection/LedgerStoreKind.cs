namespace Scoring;

/// <summary>Which <see cref="Ledger.ILedgerStore"/> a host gets from <c>AddScoring</c>.</summary>
public enum LedgerStoreKind
{
    /// <summary>The durable SQLite file (<see cref="Ledger.SqliteLedgerStore"/>); the default.</summary>
    Sqlite = 0,

    /// <summary>A process-local store (<see cref="Ledger.InMemoryLedgerStore"/>) for tests and dry runs.</summary>
    InMemory = 1,

    /// <summary>A PostgreSQL server (<see cref="Ledger.Postgres.PostgresLedgerStore"/>), shared by several workers.</summary>
    Postgres = 2,
}
