using Microsoft.Extensions.Logging;
using Npgsql;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Opens <see cref="LedgerStoreKind.Postgres"/> ledgers: with <see cref="LedgerOptions.ConnectionString"/> (a
/// <c>postgres://</c> URL or an Npgsql connection string) on a data source of the store's own; without one, on the
/// <see cref="NpgsqlDataSource"/> the host registered in DI.
/// </summary>
/// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
/// <param name="logger">Logs which schema was opened.</param>
/// <param name="dataSource">The host's data source, used when no connection string is configured; it stays the host's.</param>
public sealed partial class PostgresLedgerStoreProvider(
    TimeProvider? timeProvider = null, ILogger<ILedgerStore>? logger = null, NpgsqlDataSource? dataSource = null) : ILedgerStoreProvider
{
    /// <inheritdoc />
    public LedgerStoreKind Kind => LedgerStoreKind.Postgres;

    /// <summary>Whether this provider can open a ledger without a connection string (a data source was given).</summary>
    internal bool HasDataSource => dataSource is not null;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">There is neither a connection string nor a data source.</exception>
    /// <exception cref="FormatException">A <c>postgres://</c> URL is malformed; the message says which part.</exception>
    public async Task<ILedgerStore> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        PostgresLedgerStore store;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var postgres = PostgresUrl.IsPostgresUrl(options.ConnectionString)
                ? PostgresUrl.Parse(options.ConnectionString)
                : new PostgresLedgerOptions { ConnectionString = options.ConnectionString };
            store = await PostgresLedgerStore.OpenAsync(postgres, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            store = await PostgresLedgerStore.OpenAsync(dataSource ?? throw new InvalidOperationException(MissingServer), null, timeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        if (logger is not null)
            LogOpened(logger, store.Schema);
        return store;
    }

    /// <summary>What a PostgreSQL ledger without a server lacks.</summary>
    internal static string MissingServer =>
        $"{LedgerOptions.SectionName}:{nameof(LedgerOptions.ConnectionString)}: is required when Store is Postgres and no NpgsqlDataSource is registered: a postgres:// URL or a connection string.";

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Ledger: PostgreSQL schema {Schema}.")]
    private static partial void LogOpened(ILogger logger, string schema);
}
