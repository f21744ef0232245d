namespace Scoring.Ledger.Postgres;

/// <summary>
/// Opens the ledger a <c>--db</c> value names: a <c>postgres://</c> (or <c>postgresql://</c>) URL opens a
/// <see cref="PostgresLedgerStore"/>; anything else is a SQLite file path and opens a <see cref="SqliteLedgerStore"/>.
/// Switching a deployment from one file to a server is a configuration change.
/// </summary>
public static class LedgerStoreFactory
{
    /// <summary>Opens (creating and migrating when needed) the ledger named by <paramref name="db"/>.</summary>
    /// <param name="db">A SQLite file path, or <c>postgres://user[:password]@host[:port]/database[?schema=…]</c>.</param>
    /// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException"><paramref name="db"/> is blank.</exception>
    /// <exception cref="FormatException">A PostgreSQL URL is malformed.</exception>
    public static async Task<ILedgerStore> OpenAsync(string db, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(db))
            throw new ArgumentException("The ledger address is empty: give a SQLite file path or a postgres:// URL.", nameof(db));
        if (PostgresUrl.IsPostgresUrl(db))
            return await PostgresLedgerStore.OpenAsync(PostgresUrl.Parse(db), timeProvider, cancellationToken).ConfigureAwait(false);
        return await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = db }, timeProvider, cancellationToken).ConfigureAwait(false);
    }
}
