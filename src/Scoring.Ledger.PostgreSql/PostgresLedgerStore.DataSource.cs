using Npgsql;

namespace Scoring.Ledger.Postgres;

public sealed partial class PostgresLedgerStore
{
    /// <summary>
    /// Opens the ledger on a data source the host owns (e.g. the <see cref="NpgsqlDataSource"/> registered in DI, with its
    /// own pooling, logging and tracing): creates the schema when missing and applies pending migrations, like
    /// <see cref="OpenAsync(PostgresLedgerOptions, TimeProvider?, CancellationToken)"/>. Disposing the store leaves the
    /// data source open.
    /// </summary>
    /// <param name="dataSource">The connection pool to use.</param>
    /// <param name="options">Schema and retries (their <see cref="PostgresLedgerOptions.ConnectionString"/> must be empty: the data source says where); defaults when null.</param>
    /// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException">
    /// The options are invalid, name a connection string besides the data source, or ask for
    /// <see cref="PostgresLedgerOptions.SynchronousCommit"/> off, which a shared data source's sessions cannot be given here.
    /// </exception>
    /// <exception cref="InvalidOperationException">The schema was written by a newer library version.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refused the login.</exception>
    public static Task<PostgresLedgerStore> OpenAsync(
        NpgsqlDataSource dataSource, PostgresLedgerOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgresLedgerOptions();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException(
                "PostgresLedgerOptions.ConnectionString must be empty when a data source is given: the data source says which server to use.", nameof(options));
        if (!options.SynchronousCommit)
            throw new ArgumentException(
                "PostgresLedgerOptions.SynchronousCommit = false applies to data sources the store builds; for your own, add " +
                "'Options=-c synchronous_commit=off' to its connection string.", nameof(options));
        Validate(options);
        return OpenOnAsync(dataSource, ownsDataSource: false, options, timeProvider, cancellationToken);
    }
}
