using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// The ledger on a PostgreSQL server (Npgsql, one pooled <see cref="NpgsqlDataSource"/>), for networks that
/// outgrow one SQLite file and run several stateless ingest workers against one database. Same contract as
/// the other stores. A batch is one transaction: binary <c>COPY</c> into a temporary staging table, then one
/// set-based merge (<c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> on the report keys, the new entries, and
/// the running totals updated per key in key order). See <c>docs/postgres.md</c>.
/// </summary>
/// <remarks>Thread-safe: each call uses its own pooled connection.</remarks>
public sealed class PostgresLedgerStore : ILedgerStore
{
    private const string TotalsColumns =
        "total, compute, presence, jobs, boosts, adjustments, active_seconds, entry_count, first_seen, last_seen";

    private const string RankOrder = "ORDER BY total DESC, first_seen, account";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly string _s;
    private readonly PostgresBatchMerge _merge;

    private PostgresLedgerStore(NpgsqlDataSource dataSource, PostgresLedgerOptions options, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _options = options;
        _time = timeProvider;
        _s = PostgresNames.Quote(options.Schema);
        _merge = new PostgresBatchMerge(_s);
    }

    /// <summary>The schema that holds this ledger's tables.</summary>
    public string Schema => _options.Schema;

    /// <summary>Opens the ledger at a <c>postgres://user[:password]@host[:port]/database[?schema=…]</c> URL with default options.</summary>
    /// <param name="url">The server URL (see <see cref="PostgresUrl"/>).</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="FormatException">The URL is malformed.</exception>
    public static Task<PostgresLedgerStore> OpenAsync(string url, CancellationToken cancellationToken = default) =>
        OpenAsync(PostgresUrl.Parse(url), null, cancellationToken);

    /// <summary>
    /// Connects, creates the schema when missing and applies any pending migrations (safe when several workers
    /// start at once: they take turns on an advisory lock).
    /// </summary>
    /// <param name="options">Connection string, schema and retries.</param>
    /// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The schema was written by a newer library version.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refused the login.</exception>
    public static async Task<PostgresLedgerStore> OpenAsync(
        PostgresLedgerOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException("PostgresLedgerOptions.ConnectionString is required (or use a postgres:// URL).", nameof(options));
        if (!PostgresNames.IsValidSchema(options.Schema))
            throw new ArgumentException(
                $"PostgresLedgerOptions.Schema '{options.Schema}' is not valid: use 1 to 63 of a-z, 0-9 and _, starting with a letter or _.", nameof(options));
        if (options.Retries is < 0 or > 100)
            throw new ArgumentException($"PostgresLedgerOptions.Retries must be between 0 and 100, not {options.Retries}.", nameof(options));

        var dataSource = CreateDataSource(options);
        var store = new PostgresLedgerStore(dataSource, options, timeProvider ?? TimeProvider.System);
        try
        {
            await store.WithRetryAsync(async () =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await PostgresSchema.MigrateAsync(connection, options.Schema, store._time.GetUtcNow().UtcTicks, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    /// <summary>The connection pool for <paramref name="options"/>, with the session settings they ask for.</summary>
    internal static NpgsqlDataSource CreateDataSource(PostgresLedgerOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (!options.SynchronousCommit)
            builder.ConnectionStringBuilder.Options = (builder.ConnectionStringBuilder.Options + " -c synchronous_commit=off").Trim();
        return builder.Build();
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        BatchValidator.Validate(batch);
        // The first copy of a report id within the batch wins; later copies never reach the server.
        var seen = new HashSet<(string, string)>();
        var distinct = new List<LedgerReport>(batch.Reports.Count);
        foreach (var report in batch.Reports)
            if (seen.Add((report.Scheme, report.ReportId)))
                distinct.Add(report);
        int inBatchDuplicates = batch.Reports.Count - distinct.Count;
        cancellationToken.ThrowIfCancellationRequested();
        if (distinct.Count == 0)
            return new AppendResult(0, inBatchDuplicates, 0);

        var (appended, entries) = await WithRetryAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await _merge.AppendAsync(connection, distinct, _time.GetUtcNow().UtcTicks, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new AppendResult(appended, batch.Reports.Count - appended, entries);
    }

    /// <inheritdoc />
    public async Task<bool> ContainsReportAsync(string scheme, string reportId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT EXISTS(SELECT 1 FROM {_s}.reports WHERE scheme = @scheme AND report_id = @report);");
        command.Parameters.AddWithValue("scheme", scheme);
        command.Parameters.AddWithValue("report", reportId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        await using var command = _dataSource.CreateCommand();
        command.CommandText = range.IsAll
            ? $"SELECT account, {TotalsColumns} FROM {_s}.account_totals WHERE account = @account;"
            : AggregateSql("account", range, command, "AND account = @account") + ";";
        command.Parameters.AddWithValue("account", account);
        return await QueryOverflowing(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0)) : null;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        await using var command = _dataSource.CreateCommand();
        command.CommandText = range.IsAll
            ? $"SELECT account, {TotalsColumns} FROM {_s}.account_totals ORDER BY account;"
            : AggregateSql("account", range, command, "") + " ORDER BY account;";
        await using var reader = await QueryOverflowing(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await QueryOverflowing(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
            yield return ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(
        string account, LedgerWindow window = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        await using var command = _dataSource.CreateCommand();
        // Per-peer totals are not kept running (as in the other stores): summed from the account's entries.
        command.CommandText = AggregateSql("peer", range, command, "AND account = @account") + " ORDER BY peer;";
        command.Parameters.AddWithValue("account", account);
        await using var reader = await QueryOverflowing(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await QueryOverflowing(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
            yield return ReadTotals(reader, 1).ToPeerTotals(account, reader.GetString(0));
    }

    /// <inheritdoc />
    public async Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the count and the rows agree even while workers append.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var rows = new NpgsqlCommand { Connection = connection };
        long accountCount = -1;
        string schemeFilter = SchemeFilter(query, rows);
        if (query.Scheme is null && await UsesRunningTotalsAsync(connection, range, cancellationToken).ConfigureAwait(false))
        {
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {_s}.account_totals;", connection);
            accountCount = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            rows.CommandText = $"SELECT account, {TotalsColumns} FROM {_s}.account_totals {RankOrder} LIMIT @top OFFSET @offset;";
        }
        else
        {
            rows.CommandText =
                $"SELECT account, {TotalsColumns}, COUNT(*) OVER () FROM ({AggregateSql("account", range, rows, schemeFilter)}) AS window_totals " +
                $"{RankOrder} LIMIT @top OFFSET @offset;";
        }
        rows.Parameters.AddWithValue("top", (long)query.Top);
        rows.Parameters.AddWithValue("offset", (long)query.Offset);
        var list = await QueryOverflowing(async () =>
        {
            var result = new List<LeaderboardRow>(Math.Min(query.Top, 10_000));
            await using var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (accountCount < 0)
                    accountCount = reader.GetInt64(11);
                var totals = ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0));
                result.Add(LeaderboardOrder.ToRow(totals, (long)query.Offset + result.Count + 1, asOf, query.OnlineTimeout));
            }
            return result;
        }).ConfigureAwait(false);
        if (accountCount < 0)
        {
            await using var count = new NpgsqlCommand(
                $"SELECT COUNT(DISTINCT account) FROM {_s}.entries WHERE report_time >= @from AND report_time < @to {SchemeFilter(query, null)};", connection);
            if (query.Scheme is not null)
                count.Parameters.AddWithValue("scheme", query.Scheme);
            count.Parameters.AddWithValue("from", range.From);
            count.Parameters.AddWithValue("to", range.To);
            accountCount = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        return new Leaderboard(list, accountCount, asOf);
    }

    /// <inheritdoc />
    public async Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        bool running = query.Scheme is null && await UsesRunningTotalsAsync(connection, range, cancellationToken).ConfigureAwait(false);
        await using var own = new NpgsqlCommand { Connection = connection };
        own.CommandText = running
            ? $"SELECT account, {TotalsColumns} FROM {_s}.account_totals WHERE account = @account;"
            : AggregateSql("account", range, own, "AND account = @account " + SchemeFilter(query, own)) + ";";
        own.Parameters.AddWithValue("account", account);
        var totals = await QueryOverflowing(async () =>
        {
            await using var reader = await own.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTotals(reader, 1).ToAccountTotals(account) : null;
        }).ConfigureAwait(false);
        if (totals is null)
            return null;

        await using var ahead = new NpgsqlCommand { Connection = connection };
        string source = running ? $"{_s}.account_totals" : $"({AggregateSql("account", range, ahead, SchemeFilter(query, ahead))}) AS window_totals";
        // Everything strictly before the account in the documented order.
        ahead.CommandText =
            $"SELECT COUNT(*) FROM {source} WHERE total > @total OR (total = @total AND " +
            "(first_seen < @first OR (first_seen = @first AND account < @account)));";
        ahead.Parameters.AddWithValue("total", totals.Total.Units);
        ahead.Parameters.AddWithValue("first", totals.FirstSeen?.UtcTicks ?? TotalsRow.NoFirstSeen);
        ahead.Parameters.AddWithValue("account", account);
        long rank = await QueryOverflowing(async () => (long)(await ahead.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!).ConfigureAwait(false) + 1;
        return LeaderboardOrder.ToRow(totals, rank, asOf, query.OnlineTimeout);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ListEntriesAsync(
        EntryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var range = query.Window.ToTicks();
        await using var command = _dataSource.CreateCommand();
        var sql = new StringBuilder(
            "SELECT e.seq, e.scheme, e.report_id, e.account, e.peer, e.kind, e.amount, e.active_seconds, e.report_time, " +
            "e.recorded_time, r.rule_set_id, r.rule_set_hash, e.reason, e.operator " +
            $"FROM {_s}.entries e JOIN {_s}.rule_sets r ON r.ref = e.rule_set_ref " +
            "WHERE e.seq > @after AND e.report_time >= @from AND e.report_time < @to");
        command.Parameters.AddWithValue("after", query.AfterSequence);
        command.Parameters.AddWithValue("from", range.From);
        command.Parameters.AddWithValue("to", range.To);
        if (query.Account is not null)
        {
            sql.Append(" AND e.account = @account");
            command.Parameters.AddWithValue("account", query.Account);
        }
        if (query.Scheme is not null)
        {
            sql.Append(" AND e.scheme = @scheme");
            command.Parameters.AddWithValue("scheme", query.Scheme);
        }
        if (query.ReportId is not null)
        {
            sql.Append(" AND e.report_id = @report");
            command.Parameters.AddWithValue("report", query.ReportId);
        }
        sql.Append(" ORDER BY e.seq LIMIT @limit;");
        command.Parameters.AddWithValue("limit", (long)query.Limit);
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new LedgerEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                (EntryKind)reader.GetInt16(5), Points.FromUnits(reader.GetInt64(6)), reader.GetInt64(7),
                LedgerTime.FromTicks(reader.GetInt64(8)), LedgerTime.FromTicks(reader.GetInt64(9)),
                reader.GetString(10), reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13));
        }
    }

    /// <inheritdoc />
    public async Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT (SELECT COUNT(*) FROM {_s}.reports), (SELECT COUNT(*) FROM {_s}.entries), " +
            $"(SELECT COUNT(*) FROM {_s}.account_totals), (SELECT MAX(report_time) FROM {_s}.entries);");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerSummary(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : LedgerTime.FromTicks(reader.GetInt64(3)));
    }

    /// <summary>Closes this ledger's pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    internal static TotalsRow ReadTotals(NpgsqlDataReader reader, int first) => new()
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

    /// <summary>The <c>AND scheme = @scheme</c> clause of a scheme-filtered query (empty for every scheme), binding its parameter.</summary>
    private static string SchemeFilter(LeaderboardQuery query, NpgsqlCommand? command)
    {
        if (query.Scheme is null)
            return "";
        command?.Parameters.AddWithValue("scheme", query.Scheme);
        return "AND scheme = @scheme";
    }

    /// <summary>
    /// Sums entries in <paramref name="range"/> grouped by <paramref name="key"/>, in the column order of the totals
    /// tables. SUM of bigint is numeric in PostgreSQL; the cast back to bigint raises 22003 instead of wrapping.
    /// </summary>
    private string AggregateSql(string key, TickRange range, NpgsqlCommand command, string extraWhere)
    {
        if (!command.Parameters.Contains("from"))
        {
            command.Parameters.AddWithValue("from", range.From);
            command.Parameters.AddWithValue("to", range.To);
            command.Parameters.AddWithValue("noFirst", TotalsRow.NoFirstSeen);
            command.Parameters.AddWithValue("noLast", TotalsRow.NoLastSeen);
        }
        return
            $"SELECT {key}, SUM(amount)::bigint AS total, " +
            "COALESCE(SUM(amount) FILTER (WHERE kind = 0), 0)::bigint AS compute, " +
            "COALESCE(SUM(amount) FILTER (WHERE kind = 1), 0)::bigint AS presence, " +
            "COALESCE(SUM(amount) FILTER (WHERE kind = 2), 0)::bigint AS jobs, " +
            "COALESCE(SUM(amount) FILTER (WHERE kind = 3), 0)::bigint AS boosts, " +
            "COALESCE(SUM(amount) FILTER (WHERE kind >= 4), 0)::bigint AS adjustments, " +
            "SUM(active_seconds)::bigint AS active_seconds, COUNT(*) AS entry_count, " +
            "COALESCE(MIN(report_time) FILTER (WHERE kind < 4), @noFirst) AS first_seen, " +
            "COALESCE(MAX(report_time) FILTER (WHERE kind < 4), @noLast) AS last_seen " +
            $"FROM {_s}.entries WHERE report_time >= @from AND report_time < @to {extraWhere} GROUP BY {key}";
    }

    /// <summary>All-time (or as of a time at or after the latest report) reads the running totals: no aggregation.</summary>
    private async Task<bool> UsesRunningTotalsAsync(NpgsqlConnection connection, TickRange range, CancellationToken cancellationToken)
    {
        if (range.From != long.MinValue) return false;
        if (range.To == long.MaxValue) return true;
        await using var command = new NpgsqlCommand($"SELECT MAX(report_time) FROM {_s}.entries;", connection);
        object? last = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return last is null or DBNull || (long)last < range.To;
    }

    private static async Task<T> QueryOverflowing<T>(Func<Task<T>> query)
    {
        try
        {
            return await query().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
        {
            throw new LedgerOverflowException("A sum over the requested window exceeds the 64-bit range.", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (one whole transaction), again when PostgreSQL aborted it as a deadlock
    /// victim or serialization failure, or the connection failed transiently. Safe because an aborted
    /// transaction left nothing behind, and a batch that did commit is recognised by its report keys.
    /// </summary>
    private async Task<T> WithRetryAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < _options.Retries && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (1 << Math.Min(attempt, 6)) + Random.Shared.Next(20)), _time, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }
}
