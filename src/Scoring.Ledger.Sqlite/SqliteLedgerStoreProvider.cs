using Microsoft.Extensions.Logging;

namespace Scoring.Ledger;

/// <summary>Opens <see cref="LedgerStoreKind.Sqlite"/> ledgers: the <see cref="SqliteLedgerStore"/> at <see cref="LedgerOptions.Path"/>.</summary>
/// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
/// <param name="logger">Logs which file was opened.</param>
public sealed partial class SqliteLedgerStoreProvider(TimeProvider? timeProvider = null, ILogger<ILedgerStore>? logger = null) : ILedgerStoreProvider
{
    /// <inheritdoc />
    public LedgerStoreKind Kind => LedgerStoreKind.Sqlite;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="LedgerOptions.Path"/> is blank.</exception>
    public async Task<ILedgerStore> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
            throw new ArgumentException($"{LedgerOptions.SectionName}:{nameof(LedgerOptions.Path)} is required for a SQLite ledger: the file to open or create.", nameof(options));
        var store = await SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = options.Path }, timeProvider, cancellationToken).ConfigureAwait(false);
        if (logger is not null)
            LogOpened(logger, store.Path);
        return store;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Ledger: SQLite file {Path}.")]
    private static partial void LogOpened(ILogger logger, string path);
}
