namespace Scoring.Ledger;

/// <summary>
/// Opens the ledgers of one <see cref="LedgerStoreKind"/>. The SDK offers <see cref="LedgerStoreKind.InMemory"/>; each
/// storage package offers its own kind (Scoring.Ledger.Sqlite: <c>AddSqliteLedger()</c>, Scoring.Ledger.PostgreSql:
/// <c>AddPostgresLedger()</c>), so a host that references no database package carries no database library.
/// </summary>
/// <remarks><see cref="LedgerStoreFactory"/> and <c>AddScoring</c> pick the provider of the configured kind.</remarks>
public interface ILedgerStoreProvider
{
    /// <summary>The kind of ledger this provider opens.</summary>
    LedgerStoreKind Kind { get; }

    /// <summary>Opens (creating and migrating when needed) the ledger that <paramref name="options"/> name.</summary>
    /// <param name="options">The ledger's options; their <see cref="LedgerOptions.Store"/> is <see cref="Kind"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store; the caller owns it and disposes it.</returns>
    Task<ILedgerStore> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default);
}
