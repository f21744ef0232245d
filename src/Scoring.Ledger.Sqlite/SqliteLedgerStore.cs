using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// The durable ledger: one SQLite file in WAL mode. A write (<see cref="WriteAsync{T}"/>, and an append on top of it)
/// is one <c>BEGIN IMMEDIATE</c> transaction that records report keys, appends entries, updates the running totals and
/// writes scheme state together, so a process killed at any moment leaves either all of it or none. Several processes
/// may write one file: they take turns on SQLite's write lock (busy timeout, then whole-work retries). See
/// <c>docs/ledger.md</c>.
/// </summary>
/// <remarks>
/// Each call uses its own pooled connection, so the store is thread-safe and enumerations may overlap other calls.
/// Microsoft.Data.Sqlite does its work synchronously; the <see cref="Task"/>-returning methods complete on the
/// calling thread.
/// </remarks>
public sealed class SqliteLedgerStore : ILedgerStore, ICommittedKeysSource
{
    /// <summary>The columns every totals query yields, in this order, after its key.</summary>
    private const string TotalsColumns = "total, active_seconds, entry_count, first_seen, last_seen";

    private const string RankOrder = "ORDER BY total DESC, first_seen, key";

    private readonly SqliteLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly CommittedRefs _kinds = new();

    // Refs of scheme, producer, account and peer names: enough for every name of a large swarm or jobs network, bounded
    // so that a ledger of millions of producers does not keep them all in memory.
    private readonly CommittedRefs _names = new(capacity: 250_000);
    private SqliteWriteBuffers? _buffers;

    static SqliteLedgerStore() => SQLitePCL.Batteries_V2.Init();

    private SqliteLedgerStore(SqliteLedgerOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _time = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.GetFullPath(options.Path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        string synchronous = options.Durability == LedgerDurability.Full ? "FULL" : "NORMAL";
        _connectionPragmas = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous}; PRAGMA cache_size = -65536; " +
            // Checkpoint every 32 MB of WAL instead of SQLite's 4 MB: pages rewritten by consecutive batches (totals,
            // index pages) are copied into the file once per checkpoint, and the checkpoint's fsyncs are rarer.
            // This halves the commit cost of a 10,000-report batch.
            "PRAGMA wal_autocheckpoint = 8192;";
    }

    /// <summary>The full path of the ledger file.</summary>
    public string Path => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>Opens (creating and migrating when needed) the ledger file at <paramref name="path"/> with default options.</summary>
    /// <param name="path">The ledger file.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static Task<SqliteLedgerStore> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(new SqliteLedgerOptions { Path = path }, null, cancellationToken);

    /// <summary>
    /// Opens the ledger file, creating it and its folder when missing, switching it to WAL and applying any
    /// pending schema migrations (safe when several processes open the same new file at once).
    /// </summary>
    /// <param name="options">The file and its durability, busy timeout and retries.</param>
    /// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The file was written by a newer schema version.</exception>
    public static async Task<SqliteLedgerStore> OpenAsync(
        SqliteLedgerOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path))
            throw new ArgumentException("SqliteLedgerOptions.Path is required: the ledger file to open or create.", nameof(options));
        if (options.BusyTimeout <= TimeSpan.Zero)
            throw new ArgumentException($"SqliteLedgerOptions.BusyTimeout must be positive, not {options.BusyTimeout}.", nameof(options));
        if (options.BusyRetries < 0)
            throw new ArgumentException($"SqliteLedgerOptions.BusyRetries must not be negative, not {options.BusyRetries}.", nameof(options));
        if (!Enum.IsDefined(options.Durability))
            throw new ArgumentException($"SqliteLedgerOptions.Durability {(int)options.Durability} is not defined.", nameof(options));

        var store = new SqliteLedgerStore(options, timeProvider ?? TimeProvider.System);
        string? folder = System.IO.Path.GetDirectoryName(store.Path);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        await store.WithRetryAsync(() =>
        {
            using var connection = store.Open();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                string mode = (string)wal.ExecuteScalar()!;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"The ledger file '{store.Path}' could not be switched to WAL mode (it is in '{mode}' mode).");
            }
            SqliteSchema.Migrate(connection, store._time.GetUtcNow().UtcTicks);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <inheritdoc />
    public Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteCoreAsync((transaction, token) => work(transaction, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        var keys = LedgerAppend.Prepare(batch);
        return WriteCoreAsync((transaction, token) => LedgerAppend.RunAsync(transaction, batch, keys, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS(SELECT 1 FROM reports WHERE scheme = {NameRef("$scheme")} AND producer = {NameRef("$producer")} AND report_id = $report);";
        command.Parameters.AddWithValue("$scheme", scheme);
        command.Parameters.AddWithValue("$producer", producer);
        // The id in its stored form (SqliteReportIds): the rest after the producer's name as a BLOB, or the whole id as text.
        command.Parameters.AddWithValue("$report", SqliteReportIds.StartsWithProducer(reportId, producer)
            ? System.Text.Encoding.UTF8.GetBytes(reportId[producer.Length..])
            : reportId);
        return Task.FromResult((long)command.ExecuteScalar()! != 0);
    }

    /// <inheritdoc />
    public Task<AccountTotals?> GetAccountTotalsAsync(
        string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        using var connection = Open();
        // One read transaction: the totals and their parts come from the same snapshot.
        using var snapshot = connection.BeginTransaction(deferred: true);
        var source = range.IsAll ? RunningSource(connection, scheme) : new Window(range, "account", scheme, null);
        var row = OwnTotals(connection, source, account);
        return Task.FromResult(row is { } found ? found.ToAccountTotals(account, Parts(connection, source, [account]).GetValueOrDefault(account, ScoreParts.Empty)) : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var source = range.IsAll ? RunningSource(connection, scheme) : new Window(range, "account", scheme, null);
        using var totals = connection.CreateCommand();
        totals.CommandText = TotalsSql(source, KeyFilter.All, totals) + " ORDER BY key;";
        using var parts = connection.CreateCommand();
        parts.CommandText = PartsSql(source, KeyFilter.All, parts) + " ORDER BY key;";
        // Both are ordered by key (BINARY, code point order): one pass merges each account's parts into its row.
        using var totalsReader = QueryOverflowing(totals.ExecuteReader);
        using var partsReader = QueryOverflowing(parts.ExecuteReader);
        bool morePart = QueryOverflowing(partsReader.Read);
        while (QueryOverflowing(totalsReader.Read))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string account = totalsReader.GetString(0);
            var own = new List<KeyValuePair<string, long>>();
            while (morePart && partsReader.GetString(0) == account)
            {
                own.Add(KeyValuePair.Create(partsReader.GetString(1), partsReader.GetInt64(2)));
                morePart = QueryOverflowing(partsReader.Read);
            }
            yield return ReadTotals(totalsReader, 1).ToAccountTotals(account, ScoreParts.FromUnits(own));
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(
        string account, LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var source = new Window(window.ToTicks(), "peer", scheme, account);
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        // One account's peers are few: their parts are read first, then the totals streamed by peer.
        var parts = Parts(connection, source, null);
        using var command = connection.CreateCommand();
        command.CommandText = TotalsSql(source, KeyFilter.All, command) + " ORDER BY key;";
        using var reader = QueryOverflowing(command.ExecuteReader);
        while (QueryOverflowing(reader.Read))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string peer = reader.GetString(0);
            yield return ReadTotals(reader, 1).ToPeerTotals(account, peer, parts.GetValueOrDefault(peer, ScoreParts.Empty));
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        using var connection = Open();
        // One read transaction: the count, the rows and their parts come from the same snapshot.
        using var snapshot = connection.BeginTransaction(deferred: true);
        using var rows = connection.CreateCommand();
        long accountCount = -1;
        Source source;
        if (UsesRunningTotals(connection, range))
        {
            source = RunningSource(connection, query.Scheme);
            accountCount = CountRunning(connection, source);
            rows.CommandText = $"SELECT key, {TotalsColumns} FROM ({TotalsSql(source, KeyFilter.All, rows)}) {RankOrder} LIMIT $top OFFSET $offset;";
        }
        else
        {
            source = new Window(range, "account", query.Scheme, null);
            rows.CommandText = $"SELECT key, {TotalsColumns}, COUNT(*) OVER () FROM ({TotalsSql(source, KeyFilter.All, rows)}) {RankOrder} LIMIT $top OFFSET $offset;";
        }
        rows.Parameters.AddWithValue("$top", query.Top);
        rows.Parameters.AddWithValue("$offset", query.Offset);
        var page = QueryOverflowing(() =>
        {
            var list = new List<(string Account, TotalsRow Row)>(Math.Min(query.Top, 10_000));
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                if (accountCount < 0)
                    accountCount = reader.GetInt64(6);
                list.Add((reader.GetString(0), ReadTotals(reader, 1)));
            }
            return list;
        });
        if (accountCount < 0)
            accountCount = CountWindowAccounts(connection, range, query.Scheme);
        var parts = Parts(connection, source, page.Select(p => p.Account).ToList());
        var result = page.Select((p, i) => LeaderboardOrder.ToRow(
            p.Row.ToAccountTotals(p.Account, parts.GetValueOrDefault(p.Account, ScoreParts.Empty)),
            (long)query.Offset + i + 1, asOf, query.OnlineTimeout)).ToList();
        return Task.FromResult(new Leaderboard(result, accountCount, asOf));
    }

    /// <inheritdoc />
    public Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var source = UsesRunningTotals(connection, range) ? RunningSource(connection, query.Scheme) : new Window(range, "account", query.Scheme, null);
        if (OwnTotals(connection, source, account) is not { } own)
            return Task.FromResult<LeaderboardRow?>(null);

        using var ahead = connection.CreateCommand();
        // Everything strictly before the account in the documented order.
        ahead.CommandText =
            $"SELECT COUNT(*) FROM ({TotalsSql(source, KeyFilter.All, ahead)}) WHERE total > $total OR (total = $total AND " +
            "(first_seen < $first OR (first_seen = $first AND key < $account)));";
        ahead.Parameters.AddWithValue("$total", own.Total);
        ahead.Parameters.AddWithValue("$first", own.FirstSeen);
        ahead.Parameters.AddWithValue("$account", account);
        long rank = QueryOverflowing(() => (long)ahead.ExecuteScalar()!) + 1;
        var totals = own.ToAccountTotals(account, Parts(connection, source, [account]).GetValueOrDefault(account, ScoreParts.Empty));
        return Task.FromResult<LeaderboardRow?>(LeaderboardOrder.ToRow(totals, rank, asOf, query.OnlineTimeout));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ListEntriesAsync(
        EntryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var range = query.Window.ToTicks();
        using var connection = Open();
        using var command = connection.CreateCommand();
        // The groups are scanned from the one holding the first entry after AfterSequence, in sequence order, so a page
        // is read without sorting the history before it.
        var sql = new System.Text.StringBuilder(
            "SELECT seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, " +
            "rule_set_id, rule_set_hash, reason, operator FROM entry_rows " +
            "WHERE group_seq >= COALESCE((SELECT MAX(first_seq) FROM entry_groups WHERE first_seq <= $after + 1), 0) AND seq > $after");
        command.Parameters.AddWithValue("$after", query.AfterSequence);
        // Only a bounded window is searched by report time; all time is read in sequence order, a page at a time.
        if (!range.IsAll)
        {
            sql.Append(" AND report_time >= $from AND report_time < $to");
            command.Parameters.AddWithValue("$from", range.From);
            command.Parameters.AddWithValue("$to", range.To);
        }
        if (query.Account is not null)
        {
            sql.Append($" AND account_ref = {NameRef("$account")}");
            command.Parameters.AddWithValue("$account", query.Account);
        }
        if (query.Scheme is not null)
        {
            sql.Append($" AND scheme_ref = {NameRef("$scheme")}");
            command.Parameters.AddWithValue("$scheme", query.Scheme);
        }
        if (query.ReportId is not null)
        {
            sql.Append(" AND report_id = $report");
            command.Parameters.AddWithValue("$report", query.ReportId);
        }
        sql.Append(" ORDER BY group_seq, seq LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new LedgerEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Points.FromUnits(reader.GetInt64(6)), reader.GetInt64(7),
                LedgerTime.FromTicks(reader.GetInt64(8)), LedgerTime.FromTicks(reader.GetInt64(9)),
                reader.GetString(10), reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13));
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM entries), (SELECT COUNT(DISTINCT account) FROM account_totals), " +
            "(SELECT MAX(report_time) FROM entry_groups);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new LedgerSummary(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : LedgerTime.FromTicks(reader.GetInt64(3))));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(string scheme, string prefix = "", CancellationToken cancellationToken = default)
    {
        // Checked when called, not when first enumerated.
        LedgerState.CheckScheme(scheme, nameof(scheme));
        LedgerState.CheckPrefix(prefix, nameof(prefix));
        return ReadStateCoreAsync(scheme, prefix, cancellationToken);
    }

    private async IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateCoreAsync(
        string scheme, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // Keys with a prefix are one run in code point (BINARY) order, starting at the prefix itself.
        command.CommandText = "SELECT key, value FROM scheme_state WHERE scheme = $scheme AND key >= $prefix ORDER BY key;";
        command.Parameters.AddWithValue("$scheme", scheme);
        command.Parameters.AddWithValue("$prefix", prefix);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string key = reader.GetString(0);
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
                yield break;
            yield return KeyValuePair.Create(key, (byte[])reader.GetValue(1));
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Releases this ledger's pooled connections, closing the file.</summary>
    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs the work in a <c>BEGIN IMMEDIATE</c> transaction and commits it, again from the start when another process
    /// kept the file busy past the busy timeout (or the work lost a race, <see cref="TransientLedgerException"/>).
    /// Safe because a failed transaction is rolled back entirely.
    /// </summary>
    private async Task<T> WriteCoreAsync<T>(Func<SqliteLedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(work, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when ((e is TransientLedgerException || (e is SqliteException s && IsBusy(s)))
                                      && attempt < _options.BusyRetries && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << Math.Min(attempt, 6)) + Random.Shared.Next(50)), _time, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task<T> WriteOnceAsync<T>(Func<SqliteLedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        // IMMEDIATE takes the write lock before the first read: nothing the work reads can change until it commits.
        using var transaction = connection.BeginTransaction(deferred: false);
        T result;
        SqliteLedgerTransaction ledger;
        // One set of row buffers is kept between transactions; a transaction that runs beside another makes its own.
        var buffers = Interlocked.Exchange(ref _buffers, null) ?? new SqliteWriteBuffers();
        try
        {
            using (ledger = new SqliteLedgerTransaction(connection, _kinds, _names, buffers, _time.GetUtcNow()))
            {
                result = await work(ledger, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            buffers.Clear();
            Volatile.Write(ref _buffers, buffers);
        }
        var learnedNames = ledger.LearnedNames;
        transaction.Commit();
        if (ledger.NewKinds.Count > 0)
            _kinds.Add(ledger.NewKinds);
        if (learnedNames.Count > 0)
            _names.Add(learnedNames);
        return result;
    }

    /// <summary>Reads a totals query's five sums from column <paramref name="first"/> on.</summary>
    private static TotalsRow ReadTotals(SqliteDataReader reader, int first) => new()
    {
        Total = reader.GetInt64(first),
        ActiveSeconds = reader.GetInt64(first + 1),
        EntryCount = reader.GetInt64(first + 2),
        FirstSeen = reader.GetInt64(first + 3),
        LastSeen = reader.GetInt64(first + 4),
    };

    /// <summary>Where totals come from.</summary>
    private abstract record Source;

    /// <summary>
    /// One scheme's running totals. <paramref name="Only"/>: no other scheme has any, so a scan or count of every
    /// account need not test the scheme of each row (SQLite counts a whole table without decoding its rows).
    /// </summary>
    private sealed record RunningScheme(string Scheme, bool Only) : Source;

    /// <summary>Every scheme's running totals, summed per account (the schemes are listed for key lookups).</summary>
    private sealed record RunningAll(IReadOnlyList<string> Schemes) : Source;

    /// <summary>The entries of a window, summed per <paramref name="Key"/> (account or peer), optionally of one scheme and account.</summary>
    private sealed record Window(TickRange Range, string Key, string? Scheme, string? Account) : Source;

    /// <summary>Which keys a totals or parts query is restricted to.</summary>
    private enum KeyFilter
    {
        /// <summary>Every key.</summary>
        All,

        /// <summary>The key bound to <c>$key</c>.</summary>
        One,

        /// <summary>The keys in the JSON array bound to <c>$keys</c>.</summary>
        Many,
    }

    /// <summary>Running totals for a scheme, or for every scheme (a single scheme's own totals when there is only one).</summary>
    private static Source RunningSource(SqliteConnection connection, string? scheme)
    {
        var schemes = ListSchemes(connection);
        bool only = schemes.Count == 1 && (scheme is null || schemes[0] == scheme);
        if (scheme is not null)
            return new RunningScheme(scheme, only);
        return only ? new RunningScheme(schemes[0], true) : new RunningAll(schemes);
    }

    /// <summary>The schemes with running totals: one index seek per scheme, not a scan of the accounts.</summary>
    private static List<string> ListSchemes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            "WITH RECURSIVE s(scheme) AS (SELECT MIN(scheme) FROM account_totals UNION ALL " +
            "SELECT (SELECT MIN(scheme) FROM account_totals WHERE scheme > s.scheme) FROM s WHERE s.scheme IS NOT NULL) " +
            "SELECT scheme FROM s WHERE scheme IS NOT NULL;";
        using var reader = command.ExecuteReader();
        var schemes = new List<string>();
        while (reader.Read())
            schemes.Add(reader.GetString(0));
        return schemes;
    }

    /// <summary>
    /// SQL yielding <c>key, total, active_seconds, entry_count, first_seen, last_seen</c> per key, binding its parameters.
    /// SQLite's SUM raises "integer overflow" rather than wrapping, which <see cref="QueryOverflowing{T}(Func{T})"/>
    /// turns into a <see cref="LedgerOverflowException"/>.
    /// </summary>
    private static string TotalsSql(Source source, KeyFilter filter, SqliteCommand command) => source switch
    {
        RunningScheme s => Bind(command, "$scheme", s.Scheme) +
            $"SELECT account AS key, {TotalsColumns} FROM account_totals WHERE {OfScheme(s, filter)}{KeyClause("account", filter, command)}",
        RunningAll a =>
            "SELECT account AS key, SUM(total) AS total, SUM(active_seconds) AS active_seconds, SUM(entry_count) AS entry_count, " +
            "MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen " +
            $"FROM account_totals WHERE {InSchemes(a, filter, command)}{KeyClause("account", filter, command)} GROUP BY account",
        Window w =>
            "SELECT k.name AS key, SUM(e.amount) AS total, SUM(e.active_seconds) AS active_seconds, COUNT(*) AS entry_count, " +
            $"COALESCE(MIN(CASE WHEN e.kind NOT IN ({ManualKindRefs}) THEN g.report_time END), $noFirst) AS first_seen, " +
            $"COALESCE(MAX(CASE WHEN e.kind NOT IN ({ManualKindRefs}) THEN g.report_time END), $noLast) AS last_seen " +
            $"FROM {WindowEntries(w)} WHERE {WindowClause(w, command)}{KeyClause("k.name", filter, command)} GROUP BY k.name",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>SQL yielding <c>key, kind name, amount</c> per key and kind, binding its parameters.</summary>
    private static string PartsSql(Source source, KeyFilter filter, SqliteCommand command)
    {
        string sums = source switch
        {
            RunningScheme s => Bind(command, "$scheme", s.Scheme) +
                $"SELECT account AS key, kind, amount FROM kind_totals WHERE {OfScheme(s, filter)}{KeyClause("account", filter, command)}",
            RunningAll a =>
                $"SELECT account AS key, kind, SUM(amount) AS amount FROM kind_totals WHERE {InSchemes(a, filter, command)}" +
                $"{KeyClause("account", filter, command)} GROUP BY account, kind",
            Window w =>
                $"SELECT k.name AS key, e.kind AS kind, SUM(e.amount) AS amount FROM {WindowEntries(w)} WHERE {WindowClause(w, command)}" +
                $"{KeyClause("k.name", filter, command)} GROUP BY k.name, e.kind",
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        // Names are looked up after summing, so the sums are planned on their own tables' indexes.
        return $"SELECT p.key, k.name, p.amount FROM ({sums}) p JOIN kinds k ON k.ref = p.kind";
    }

    /// <summary>The totals of one key (account), or null when it has none.</summary>
    private static TotalsRow? OwnTotals(SqliteConnection connection, Source source, string account)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TotalsSql(source, KeyFilter.One, command) + ";";
        command.Parameters.AddWithValue("$key", account);
        return QueryOverflowing<TotalsRow?>(() =>
        {
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadTotals(reader, 1) : null;
        });
    }

    /// <summary>The parts of the given keys (every key when null), by key.</summary>
    private static Dictionary<string, ScoreParts> Parts(SqliteConnection connection, Source source, IReadOnlyList<string>? keys)
    {
        var result = new Dictionary<string, ScoreParts>(StringComparer.Ordinal);
        if (keys is { Count: 0 })
            return result;
        using var command = connection.CreateCommand();
        var filter = keys switch { null => KeyFilter.All, [_] => KeyFilter.One, _ => KeyFilter.Many };
        command.CommandText = PartsSql(source, filter, command) + ";";
        if (filter == KeyFilter.One)
            command.Parameters.AddWithValue("$key", keys![0]);
        else if (filter == KeyFilter.Many)
            command.Parameters.AddWithValue("$keys", System.Text.Json.JsonSerializer.Serialize(keys));
        var byKey = new Dictionary<string, List<KeyValuePair<string, long>>>(StringComparer.Ordinal);
        QueryOverflowing(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string key = reader.GetString(0);
                if (!byKey.TryGetValue(key, out var list))
                    byKey[key] = list = [];
                list.Add(KeyValuePair.Create(reader.GetString(1), reader.GetInt64(2)));
            }
            return true;
        });
        foreach (var (key, list) in byKey)
            result[key] = ScoreParts.FromUnits(list);
        return result;
    }

    /// <summary>How many accounts the running totals of <paramref name="source"/> rank.</summary>
    private static long CountRunning(SqliteConnection connection, Source source)
    {
        using var command = connection.CreateCommand();
        command.CommandText = source switch
        {
            RunningScheme { Only: true } => "SELECT COUNT(*) FROM account_totals;",
            RunningScheme s => Bind(command, "$scheme", s.Scheme) + "SELECT COUNT(*) FROM account_totals WHERE scheme = $scheme;",
            _ => "SELECT COUNT(DISTINCT account) FROM account_totals;",
        };
        return (long)command.ExecuteScalar()!;
    }

    // The refs of the manual kinds, fixed by schema version 3 (they are the numbers versions 1 and 2 used).
    private const string ManualKindRefs = "4, 5";

    /// <summary>
    /// The scheme's rows: by primary-key prefix, or — for a scan of every key when the scheme is the only one — every
    /// row, without testing each row's scheme.
    /// </summary>
    private static string OfScheme(RunningScheme source, KeyFilter filter) =>
        source.Only && filter == KeyFilter.All ? "1" : "scheme = $scheme";

    private static string KeyClause(string column, KeyFilter filter, SqliteCommand command) => filter switch
    {
        KeyFilter.One => $" AND {column} = $key",
        KeyFilter.Many => $" AND {column} IN (SELECT value FROM json_each($keys))",
        _ => "",
    };

    /// <summary>
    /// Every scheme's rows: with a key filter, one primary-key lookup per scheme (the key starts with the scheme); without
    /// one, the whole table.
    /// </summary>
    private static string InSchemes(RunningAll source, KeyFilter filter, SqliteCommand command)
    {
        if (filter == KeyFilter.All)
            return "1";
        var names = new List<string>(source.Schemes.Count);
        for (int i = 0; i < source.Schemes.Count; i++)
        {
            Bind(command, $"$scheme{i}", source.Schemes[i]);
            names.Add($"$scheme{i}");
        }
        return $"scheme IN ({string.Join(", ", names)})";
    }

    /// <summary>
    /// A window's entries with their groups and the name they are summed by (<c>k</c>: the account or the peer). The groups
    /// drive the join (CROSS JOIN keeps them the outer loop), found by report time or by account, and each finds its
    /// entries by a rowid range.
    /// </summary>
    private static string WindowEntries(Window window) =>
        "entry_groups g CROSS JOIN entries e ON e.seq >= g.first_seq AND e.seq < g.first_seq + g.entry_count " +
        (window.Key == "account" ? "JOIN names k ON k.ref = g.account" : "JOIN names k ON k.ref = e.peer");

    private static string WindowClause(Window window, SqliteCommand command)
    {
        Bind(command, "$from", window.Range.From);
        Bind(command, "$to", window.Range.To);
        Bind(command, "$noFirst", TotalsRow.NoFirstSeen);
        Bind(command, "$noLast", TotalsRow.NoLastSeen);
        return "g.report_time >= $from AND g.report_time < $to" +
            (window.Scheme is null ? "" : Bind(command, "$wscheme", window.Scheme) + $" AND g.scheme = {NameRef("$wscheme")}") +
            (window.Account is null ? "" : Bind(command, "$waccount", window.Account) + $" AND g.account = {NameRef("$waccount")}");
    }

    /// <summary>The ref of the name bound to <paramref name="parameter"/>, as SQL (NULL, matching nothing, when the ledger never saw the name).</summary>
    private static string NameRef(string parameter) => $"(SELECT ref FROM names WHERE name = {parameter})";

    /// <summary>Binds a parameter once per command (a query may mention it twice); returns "" to splice into SQL text.</summary>
    private static string Bind(SqliteCommand command, string name, object value)
    {
        if (!command.Parameters.Contains(name))
            command.Parameters.AddWithValue(name, value);
        return "";
    }

    /// <summary>All-time (or as of a time at or after the latest report) reads the running totals: no aggregation.</summary>
    private static bool UsesRunningTotals(SqliteConnection connection, TickRange range)
    {
        if (range.From != long.MinValue) return false;
        if (range.To == long.MaxValue) return true;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(report_time) FROM entry_groups;";
        object? last = command.ExecuteScalar();
        return last is null or DBNull || (long)last < range.To;
    }

    private static long CountWindowAccounts(SqliteConnection connection, TickRange range, string? scheme)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT account) FROM entry_groups WHERE report_time >= $from AND report_time < $to" +
            (scheme is null ? ";" : $" AND scheme = {NameRef("$scheme")};");
        command.Parameters.AddWithValue("$from", range.From);
        command.Parameters.AddWithValue("$to", range.To);
        if (scheme is not null)
            command.Parameters.AddWithValue("$scheme", scheme);
        return (long)command.ExecuteScalar()!;
    }

    private static T QueryOverflowing<T>(Func<T> query)
    {
        try
        {
            return query();
        }
        catch (SqliteException e) when (e.Message.Contains("integer overflow", StringComparison.Ordinal))
        {
            throw new LedgerOverflowException("A sum over the requested window or schemes exceeds the 64-bit range.", e);
        }
    }

    /// <inheritdoc />
    ICommittedKeys ICommittedKeysSource.OpenCommittedKeys()
    {
        var connection = Open();
        // A reader walks the reports key from the root to a leaf per lookup: the upper levels and each producer's current
        // leaf fit in 8 MiB. The writer's 64 MiB per decoding worker only raised a replay's peak memory (every Open sets
        // the size again, so a pooled connection that served as a reader serves a writer with the writer's cache).
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -8192;";
        command.ExecuteNonQuery();
        return new SqliteCommittedKeys(connection, _names);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = _connectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> (opening: the migration transaction), again when another process kept the file
    /// busy past the busy timeout. Safe because a failed transaction is rolled back entirely.
    /// </summary>
    private async Task<T> WithRetryAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return work();
            }
            catch (SqliteException e) when (IsBusy(e) && attempt < _options.BusyRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * (1 << Math.Min(attempt, 6)) + Random.Shared.Next(50)), _time, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    // SQLITE_BUSY = 5, SQLITE_LOCKED = 6; the low byte is the primary code of an extended one.
    private static bool IsBusy(SqliteException e) => (e.SqliteErrorCode & 0xFF) is 5 or 6;
}
