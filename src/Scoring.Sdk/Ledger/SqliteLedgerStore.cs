using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// The durable ledger: one SQLite file in WAL mode. A batch is one <c>BEGIN IMMEDIATE</c> transaction that
/// records the report ids, appends the entries and updates the running totals together, so a process killed at
/// any moment leaves either the whole batch or none of it. Several processes may write one file: they take
/// turns on SQLite's write lock (busy timeout, then whole-batch retries). See <c>docs/ledger.md</c>.
/// </summary>
/// <remarks>
/// Each call uses its own pooled connection, so the store is thread-safe and enumerations may overlap other calls.
/// Microsoft.Data.Sqlite does its work synchronously; the <see cref="Task"/>-returning methods complete on the
/// calling thread.
/// </remarks>
public sealed class SqliteLedgerStore : ILedgerStore
{
    internal const string TotalsColumns =
        "total, compute, presence, jobs, boosts, adjustments, active_seconds, entry_count, first_seen, last_seen";

    private const string RankOrder = "ORDER BY total DESC, first_seen, account";

    private readonly SqliteLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly string _connectionPragmas;

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
    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        BatchValidator.Validate(batch);
        return WithRetryAsync(() => AppendOnce(batch, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ContainsReportAsync(string scheme, string reportId, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM reports WHERE scheme = $scheme AND report_id = $report);";
        command.Parameters.AddWithValue("$scheme", scheme);
        command.Parameters.AddWithValue("$report", reportId);
        return Task.FromResult((long)command.ExecuteScalar()! != 0);
    }

    /// <inheritdoc />
    public Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = range.IsAll
            ? $"SELECT account, {TotalsColumns} FROM account_totals WHERE account = $account;"
            : AggregateSql("account", range, command, "AND account = $account") + ";";
        command.Parameters.AddWithValue("$account", account);
        return Task.FromResult(QueryOverflowing(() =>
        {
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0)) : null;
        }));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = range.IsAll
            ? $"SELECT account, {TotalsColumns} FROM account_totals ORDER BY account;"
            : AggregateSql("account", range, command, "") + " ORDER BY account;";
        using var reader = QueryOverflowing(command.ExecuteReader);
        while (QueryOverflowing(reader.Read))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0));
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(
        string account, LedgerWindow window = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = AggregateSql("peer", range, command, "AND account = $account") + " ORDER BY peer;";
        command.Parameters.AddWithValue("$account", account);
        using var reader = QueryOverflowing(command.ExecuteReader);
        while (QueryOverflowing(reader.Read))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadTotals(reader, 1).ToPeerTotals(account, reader.GetString(0));
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
        // One read transaction: the count and the rows come from the same snapshot.
        using var snapshot = connection.BeginTransaction(deferred: true);
        using var rows = connection.CreateCommand();
        long accountCount = -1;
        string schemeFilter = SchemeFilter(query, rows);
        if (query.Scheme is null && UsesRunningTotals(connection, range))
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM account_totals;";
            accountCount = (long)count.ExecuteScalar()!;
            rows.CommandText = $"SELECT account, {TotalsColumns} FROM account_totals {RankOrder} LIMIT $top OFFSET $offset;";
        }
        else
        {
            rows.CommandText =
                $"SELECT account, {TotalsColumns}, COUNT(*) OVER () FROM ({AggregateSql("account", range, rows, schemeFilter)}) " +
                $"{RankOrder} LIMIT $top OFFSET $offset;";
        }
        rows.Parameters.AddWithValue("$top", query.Top);
        rows.Parameters.AddWithValue("$offset", query.Offset);
        var result = QueryOverflowing(() =>
        {
            var list = new List<LeaderboardRow>(Math.Min(query.Top, 10_000));
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                if (accountCount < 0)
                    accountCount = reader.GetInt64(11);
                var totals = ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0));
                list.Add(LeaderboardOrder.ToRow(totals, (long)query.Offset + list.Count + 1, asOf, query.OnlineTimeout));
            }
            return list;
        });
        if (accountCount < 0)
            accountCount = CountWindowAccounts(connection, range, query.Scheme);
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
        bool running = query.Scheme is null && UsesRunningTotals(connection, range);
        using var own = connection.CreateCommand();
        own.CommandText = running
            ? $"SELECT account, {TotalsColumns} FROM account_totals WHERE account = $account;"
            : AggregateSql("account", range, own, "AND account = $account " + SchemeFilter(query, own)) + ";";
        own.Parameters.AddWithValue("$account", account);
        var totals = QueryOverflowing(() =>
        {
            using var reader = own.ExecuteReader();
            return reader.Read() ? ReadTotals(reader, 1).ToAccountTotals(account) : null;
        });
        if (totals is null)
            return Task.FromResult<LeaderboardRow?>(null);

        using var ahead = connection.CreateCommand();
        string source = running ? "account_totals" : $"({AggregateSql("account", range, ahead, SchemeFilter(query, ahead))})";
        // Everything strictly before the account in the documented order.
        ahead.CommandText =
            $"SELECT COUNT(*) FROM {source} WHERE total > $total OR (total = $total AND " +
            "(first_seen < $first OR (first_seen = $first AND account < $account)));";
        ahead.Parameters.AddWithValue("$total", totals.Total.Units);
        ahead.Parameters.AddWithValue("$first", totals.FirstSeen?.UtcTicks ?? TotalsRow.NoFirstSeen);
        ahead.Parameters.AddWithValue("$account", account);
        long rank = QueryOverflowing(() => (long)ahead.ExecuteScalar()!) + 1;
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
        var sql = new System.Text.StringBuilder(
            "SELECT e.seq, e.scheme, e.report_id, e.account, e.peer, e.kind, e.amount, e.active_seconds, e.report_time, " +
            "e.recorded_time, r.rule_set_id, r.rule_set_hash, e.reason, e.operator " +
            "FROM entries e JOIN rule_sets r ON r.ref = e.rule_set_ref " +
            "WHERE e.seq > $after AND e.report_time >= $from AND e.report_time < $to");
        command.Parameters.AddWithValue("$after", query.AfterSequence);
        command.Parameters.AddWithValue("$from", range.From);
        command.Parameters.AddWithValue("$to", range.To);
        if (query.Account is not null)
        {
            sql.Append(" AND e.account = $account");
            command.Parameters.AddWithValue("$account", query.Account);
        }
        if (query.Scheme is not null)
        {
            sql.Append(" AND e.scheme = $scheme");
            command.Parameters.AddWithValue("$scheme", query.Scheme);
        }
        if (query.ReportId is not null)
        {
            sql.Append(" AND e.report_id = $report");
            command.Parameters.AddWithValue("$report", query.ReportId);
            if (query.Scheme is not null)
                // The report's entries are one run of sequence numbers: seek to it instead of scanning.
                sql.Append(" AND e.seq >= (SELECT first_seq FROM reports WHERE scheme = $scheme AND report_id = $report)" +
                           " AND e.seq < (SELECT first_seq + entry_count FROM reports WHERE scheme = $scheme AND report_id = $report)");
        }
        sql.Append(" ORDER BY e.seq LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new LedgerEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                (EntryKind)reader.GetInt64(5), Points.FromUnits(reader.GetInt64(6)), reader.GetInt64(7),
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
            "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM entries), (SELECT COUNT(*) FROM account_totals), " +
            "(SELECT MAX(report_time) FROM entries);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new LedgerSummary(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : LedgerTime.FromTicks(reader.GetInt64(3))));
    }

    /// <summary>Releases this ledger's pooled connections, closing the file.</summary>
    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private AppendResult AppendOnce(LedgerBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        // IMMEDIATE takes the write lock before the first read, so the totals read in the batch cannot go stale.
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = SqliteBatchWriter.Append(connection, batch, _time.GetUtcNow().UtcTicks);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return result;
    }

    internal static TotalsRow ReadTotals(SqliteDataReader reader, int first) => new()
    {
        Total = reader.GetInt64(first),
        Compute = reader.GetInt64(first + 1),
        Presence = reader.GetInt64(first + 2),
        Jobs = reader.GetInt64(first + 3),
        Boosts = reader.GetInt64(first + 4),
        Adjustments = reader.GetInt64(first + 5),
        ActiveSeconds = reader.GetInt64(first + 6),
        EntryCount = reader.GetInt64(first + 7),
        FirstSeen = reader.GetInt64(first + 8),
        LastSeen = reader.GetInt64(first + 9),
    };

    /// <summary>
    /// Sums entries in <paramref name="range"/> grouped by <paramref name="key"/>, in the column order of the
    /// totals tables. SQLite's SUM raises "integer overflow" rather than wrapping, which
    /// <see cref="QueryOverflowing{T}(Func{T})"/> turns into a <see cref="LedgerOverflowException"/>.
    /// </summary>
    private static string AggregateSql(string key, TickRange range, SqliteCommand command, string extraWhere)
    {
        if (!command.Parameters.Contains("$from"))
        {
            command.Parameters.AddWithValue("$from", range.From);
            command.Parameters.AddWithValue("$to", range.To);
            command.Parameters.AddWithValue("$noFirst", TotalsRow.NoFirstSeen);
            command.Parameters.AddWithValue("$noLast", TotalsRow.NoLastSeen);
        }
        return
            $"SELECT {key}, SUM(amount) AS total, " +
            "SUM(CASE WHEN kind = 0 THEN amount ELSE 0 END) AS compute, " +
            "SUM(CASE WHEN kind = 1 THEN amount ELSE 0 END) AS presence, " +
            "SUM(CASE WHEN kind = 2 THEN amount ELSE 0 END) AS jobs, " +
            "SUM(CASE WHEN kind = 3 THEN amount ELSE 0 END) AS boosts, " +
            "SUM(CASE WHEN kind >= 4 THEN amount ELSE 0 END) AS adjustments, " +
            "SUM(active_seconds) AS active_seconds, COUNT(*) AS entry_count, " +
            "COALESCE(MIN(CASE WHEN kind < 4 THEN report_time END), $noFirst) AS first_seen, " +
            "COALESCE(MAX(CASE WHEN kind < 4 THEN report_time END), $noLast) AS last_seen " +
            $"FROM entries WHERE report_time >= $from AND report_time < $to {extraWhere} GROUP BY {key}";
    }

    /// <summary>All-time (or as of a time at or after the latest report) reads the running totals: no aggregation.</summary>
    private static bool UsesRunningTotals(SqliteConnection connection, TickRange range)
    {
        if (range.From != long.MinValue) return false;
        if (range.To == long.MaxValue) return true;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(report_time) FROM entries;";
        object? last = command.ExecuteScalar();
        return last is null or DBNull || (long)last < range.To;
    }

    private static long CountWindowAccounts(SqliteConnection connection, TickRange range, string? scheme)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT account) FROM entries WHERE report_time >= $from AND report_time < $to" +
            (scheme is null ? ";" : " AND scheme = $scheme;");
        command.Parameters.AddWithValue("$from", range.From);
        command.Parameters.AddWithValue("$to", range.To);
        if (scheme is not null)
            command.Parameters.AddWithValue("$scheme", scheme);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The <c>AND scheme = $scheme</c> clause of a scheme-filtered query (empty for every scheme), binding its parameter.</summary>
    private static string SchemeFilter(LeaderboardQuery query, SqliteCommand command)
    {
        if (query.Scheme is null)
            return "";
        command.Parameters.AddWithValue("$scheme", query.Scheme);
        return "AND scheme = $scheme";
    }

    private static T QueryOverflowing<T>(Func<T> query)
    {
        try
        {
            return query();
        }
        catch (SqliteException e) when (e.Message.Contains("integer overflow", StringComparison.Ordinal))
        {
            throw new LedgerOverflowException("A sum over the requested window exceeds the 64-bit range.", e);
        }
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
    /// Runs <paramref name="work"/> (one whole transaction), again when another process kept the file busy
    /// past the busy timeout. Safe because a failed transaction is rolled back entirely.
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
