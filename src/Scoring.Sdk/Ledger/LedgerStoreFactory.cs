namespace Scoring.Ledger;

/// <summary>
/// Opens the ledger that <see cref="LedgerOptions"/> or an address name, with the provider of its kind: a
/// <c>postgres://</c> (or <c>postgresql://</c>) URL is a PostgreSQL ledger, anything else a SQLite file path, so switching
/// a deployment from a file to a server is a configuration change. A kind whose storage package is not referenced fails
/// with a message naming the package and the call that registers it.
/// </summary>
/// <example>
/// <code>
/// var ledgers = new LedgerStoreFactory([new SqliteLedgerStoreProvider(), new PostgresLedgerStoreProvider()]);
/// await using ILedgerStore ledger = await ledgers.OpenAsync(args[0]);   // "scoring.db" or "postgres://…"
/// </code>
/// </example>
public sealed class LedgerStoreFactory
{
    private readonly Dictionary<LedgerStoreKind, ILedgerStoreProvider> _providers = [];

    /// <summary>Creates a factory over <paramref name="providers"/>; the in-memory kind is always offered.</summary>
    /// <param name="providers">The providers; the first of each kind wins.</param>
    public LedgerStoreFactory(IEnumerable<ILedgerStoreProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        foreach (var provider in providers)
            _providers.TryAdd(provider.Kind, provider);
        _providers.TryAdd(LedgerStoreKind.InMemory, new InMemoryLedgerStoreProvider());
    }

    /// <summary>Whether a provider of <paramref name="kind"/> was given.</summary>
    /// <param name="kind">The store kind.</param>
    public bool Offers(LedgerStoreKind kind) => _providers.ContainsKey(kind);

    /// <summary>Opens (creating and migrating when needed) the ledger that <paramref name="options"/> name.</summary>
    /// <param name="options">The store kind and where it is.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="InvalidOperationException">No provider of that kind was given; the message says which package offers it.</exception>
    public Task<ILedgerStore> OpenAsync(LedgerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _providers.TryGetValue(options.Store, out var provider)
            ? provider.OpenAsync(options, cancellationToken)
            : throw new InvalidOperationException(MissingProvider(options.Store));
    }

    /// <summary>Opens the ledger at <paramref name="address"/>: a SQLite file path or a <c>postgres://</c> URL.</summary>
    /// <param name="address">See <see cref="LedgerOptions.FromAddress"/>.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">The package of that kind of ledger is not referenced.</exception>
    public Task<ILedgerStore> OpenAsync(string address, CancellationToken cancellationToken = default) =>
        OpenAsync(LedgerOptions.FromAddress(address), cancellationToken);

    /// <summary>What to add for a kind no provider offers: the package and the call that registers it.</summary>
    internal static string MissingProvider(LedgerStoreKind kind) => kind switch
    {
        LedgerStoreKind.Sqlite =>
            "the ledger is a SQLite file, but no SQLite ledger provider is registered: reference the Scoring.Ledger.Sqlite package and call UseSqlite(path) or AddSqliteLedger() in AddScoring(...) (or choose UseInMemoryLedger()).",
        LedgerStoreKind.Postgres =>
            "the ledger is a PostgreSQL server, but no PostgreSQL ledger provider is registered: reference the Scoring.Ledger.PostgreSql package and call UsePostgres(...) or AddPostgresLedger() in AddScoring(...).",
        _ => $"no ledger provider of kind {kind} is registered.",
    };
}
