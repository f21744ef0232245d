using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// The ledger on a PostgreSQL server (Npgsql, one pooled <see cref="NpgsqlDataSource"/>), for networks that
/// outgrow one SQLite file and run several stateless ingest workers against one database. Same contract as
/// the other stores. A write (<see cref="WriteAsync{T}"/>, and an append on top of it) is one transaction: report keys
/// looked up and the new ones inserted in key order (the primary key settles a race with a concurrent writer), entries
/// by one binary <c>COPY</c> straight into their table, running totals upserted per (scheme, account) from sums the
/// client computed, in key order, and scheme state locked per key, so writers of different accounts never wait for
/// each other. See <c>docs/postgres.md</c>.
/// </summary>
/// <remarks>Thread-safe: each call uses its own pooled connection.</remarks>
public sealed partial class PostgresLedgerStore : ILedgerStore, ICommittedKeysSource
{
    /// <summary>The columns every totals query yields, in this order, after its key.</summary>
    private const string TotalsColumns = "total, active_seconds, entry_count, first_seen, last_seen";

    private const string RankOrder = "ORDER BY total DESC, first_seen, key";

    // The refs of the manual kinds, fixed by schema version 2 (they are the numbers version 1 used).
    private const string ManualKindRefs = "4, 5";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly string _s;
    private readonly PostgresBatchMerge _merge;
    private bool _ownsDataSource;
    // Committed refs, so entries bind numbers without a lookup: kind name → ref, and rule set (id NUL hash) → ref.
    private readonly CommittedRefs _kinds = new();
    private readonly CommittedRefs _ruleSets = new();

    private PostgresLedgerStore(NpgsqlDataSource dataSource, PostgresLedgerOptions options, TimeProvider timeProvider)
    {
        _dataSource = dataSource;
        _options = options;
        _time = timeProvider;
        _s = PostgresNames.Quote(options.Schema);
        _merge = new PostgresBatchMerge(_s, _kinds, _ruleSets);
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
        Validate(options);

        var dataSource = CreateDataSource(options);
        try
        {
            return await OpenOnAsync(dataSource, ownsDataSource: true, options, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks the options every way of opening shares.</summary>
    private static void Validate(PostgresLedgerOptions options)
    {
        if (!PostgresNames.IsValidSchema(options.Schema))
            throw new ArgumentException(
                $"PostgresLedgerOptions.Schema '{options.Schema}' is not valid: use 1 to 63 of a-z, 0-9 and _, starting with a letter or _.", nameof(options));
        if (options.Retries is < 0 or > 100)
            throw new ArgumentException($"PostgresLedgerOptions.Retries must be between 0 and 100, not {options.Retries}.", nameof(options));
    }

    /// <summary>
    /// Creates the schema when missing and applies pending migrations on <paramref name="dataSource"/>; the store closes
    /// the data source when disposed only if <paramref name="ownsDataSource"/> (not one from DI).
    /// </summary>
    private static async Task<PostgresLedgerStore> OpenOnAsync(
        NpgsqlDataSource dataSource, bool ownsDataSource, PostgresLedgerOptions options, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var store = new PostgresLedgerStore(dataSource, options, timeProvider ?? TimeProvider.System) { _ownsDataSource = ownsDataSource };
        await store.WithRetryAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await PostgresSchema.MigrateAsync(connection, options.Schema, store._time.GetUtcNow().UtcTicks, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <inheritdoc />
    ICommittedKeys ICommittedKeysSource.OpenCommittedKeys() => new PostgresCommittedKeys(_dataSource, _s);

    /// <summary>The connection pool for <paramref name="options"/>, with the session settings they ask for.</summary>
    internal static NpgsqlDataSource CreateDataSource(PostgresLedgerOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (!options.SynchronousCommit)
            builder.ConnectionStringBuilder.Options = (builder.ConnectionStringBuilder.Options + " -c synchronous_commit=off").Trim();
        return builder.Build();
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
    public async Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT EXISTS(SELECT 1 FROM {_s}.reports WHERE scheme = @scheme AND producer = @producer AND report_id = @report);");
        command.Parameters.AddWithValue("scheme", scheme);
        command.Parameters.AddWithValue("producer", producer);
        command.Parameters.AddWithValue("report", reportId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<AccountTotals?> GetAccountTotalsAsync(
        string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the totals and their parts agree even while workers append.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var source = range.IsAll ? await RunningSourceAsync(connection, scheme, cancellationToken).ConfigureAwait(false) : new Window(range, "account", scheme, null);
        if (await OwnTotalsAsync(connection, source, account, cancellationToken).ConfigureAwait(false) is not { } row)
            return null;
        var parts = await PartsAsync(connection, source, [account], cancellationToken).ConfigureAwait(false);
        return row.ToAccountTotals(account, parts.GetValueOrDefault(account, ScoreParts.Empty));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var source = range.IsAll ? await RunningSourceAsync(connection, scheme, cancellationToken).ConfigureAwait(false) : new Window(range, "account", scheme, null);
        // Each row carries its parts as two arrays (kind names, amounts): one pass, one connection, streamed.
        await using var command = new NpgsqlCommand { Connection = connection };
        string totals = TotalsSql(source, KeyFilter.All, command);
        string parts = PartsSql(source, KeyFilter.All, command);
        command.CommandText =
            $"SELECT t.key, t.total, t.active_seconds, t.entry_count, t.first_seen, t.last_seen, p.names, p.amounts FROM ({totals}) t " +
            $"LEFT JOIN (SELECT key, array_agg(name) AS names, array_agg(amount) AS amounts FROM ({parts}) x GROUP BY key) p ON p.key = t.key ORDER BY t.key;";
        await using var reader = await QueryOverflowing(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
        while (await QueryOverflowing(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
        {
            var partsOfRow = reader.IsDBNull(6)
                ? ScoreParts.Empty
                : ScoreParts.FromUnits(reader.GetFieldValue<string[]>(6).Zip(reader.GetFieldValue<long[]>(7), KeyValuePair.Create));
            yield return ReadTotals(reader, 1).ToAccountTotals(reader.GetString(0), partsOfRow);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(
        string account, LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var source = new Window(window.ToTicks(), "peer", scheme, account);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        // Per-peer totals are not kept running (as in the other stores): summed from the account's entries.
        var parts = await PartsAsync(connection, source, null, cancellationToken).ConfigureAwait(false);
        var rows = new List<PeerTotals>();
        await using (var command = new NpgsqlCommand { Connection = connection })
        {
            command.CommandText = TotalsSql(source, KeyFilter.All, command) + " ORDER BY key;";
            await using var reader = await QueryOverflowing(() => command.ExecuteReaderAsync(cancellationToken)).ConfigureAwait(false);
            while (await QueryOverflowing(() => reader.ReadAsync(cancellationToken)).ConfigureAwait(false))
            {
                string peer = reader.GetString(0);
                rows.Add(ReadTotals(reader, 1).ToPeerTotals(account, peer, parts.GetValueOrDefault(peer, ScoreParts.Empty)));
            }
        }
        foreach (var row in rows)
            yield return row;
    }

    /// <inheritdoc />
    public async Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot: the count, the rows and their parts agree even while workers append.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var rows = new NpgsqlCommand { Connection = connection };
        long accountCount = -1;
        Source source;
        if (await UsesRunningTotalsAsync(connection, range, cancellationToken).ConfigureAwait(false))
        {
            source = await RunningSourceAsync(connection, query.Scheme, cancellationToken).ConfigureAwait(false);
            accountCount = await CountRunningAsync(connection, source, cancellationToken).ConfigureAwait(false);
            rows.CommandText = $"SELECT key, {TotalsColumns} FROM ({TotalsSql(source, KeyFilter.All, rows)}) AS totals {RankOrder} LIMIT @top OFFSET @offset;";
        }
        else
        {
            source = new Window(range, "account", query.Scheme, null);
            rows.CommandText =
                $"SELECT key, {TotalsColumns}, COUNT(*) OVER () FROM ({TotalsSql(source, KeyFilter.All, rows)}) AS window_totals {RankOrder} LIMIT @top OFFSET @offset;";
        }
        rows.Parameters.AddWithValue("top", (long)query.Top);
        rows.Parameters.AddWithValue("offset", (long)query.Offset);
        var page = await QueryOverflowing(async () =>
        {
            var list = new List<(string Account, TotalsRow Row)>(Math.Min(query.Top, 10_000));
            await using var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (accountCount < 0)
                    accountCount = reader.GetInt64(6);
                list.Add((reader.GetString(0), ReadTotals(reader, 1)));
            }
            return list;
        }).ConfigureAwait(false);
        if (accountCount < 0)
        {
            await using var count = new NpgsqlCommand(
                $"SELECT COUNT(DISTINCT account) FROM {_s}.entries WHERE report_time >= @from AND report_time < @to" +
                (query.Scheme is null ? ";" : " AND scheme = @scheme;"), connection);
            if (query.Scheme is not null)
                count.Parameters.AddWithValue("scheme", query.Scheme);
            count.Parameters.AddWithValue("from", range.From);
            count.Parameters.AddWithValue("to", range.To);
            accountCount = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        var parts = await PartsAsync(connection, source, page.Select(p => p.Account).ToList(), cancellationToken).ConfigureAwait(false);
        var list = page.Select((p, i) => LeaderboardOrder.ToRow(
            p.Row.ToAccountTotals(p.Account, parts.GetValueOrDefault(p.Account, ScoreParts.Empty)),
            (long)query.Offset + i + 1, asOf, query.OnlineTimeout)).ToList();
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
        var source = await UsesRunningTotalsAsync(connection, range, cancellationToken).ConfigureAwait(false)
            ? await RunningSourceAsync(connection, query.Scheme, cancellationToken).ConfigureAwait(false)
            : new Window(range, "account", query.Scheme, null);
        if (await OwnTotalsAsync(connection, source, account, cancellationToken).ConfigureAwait(false) is not { } own)
            return null;

        await using var ahead = new NpgsqlCommand { Connection = connection };
        // Everything strictly before the account in the documented order.
        ahead.CommandText =
            $"SELECT COUNT(*) FROM ({TotalsSql(source, KeyFilter.All, ahead)}) AS totals WHERE total > @total OR (total = @total AND " +
            "(first_seen < @first OR (first_seen = @first AND key < @account)));";
        ahead.Parameters.AddWithValue("total", own.Total);
        ahead.Parameters.AddWithValue("first", own.FirstSeen);
        ahead.Parameters.AddWithValue("account", account);
        long rank = await QueryOverflowing(async () => (long)(await ahead.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!).ConfigureAwait(false) + 1;
        var parts = await PartsAsync(connection, source, [account], cancellationToken).ConfigureAwait(false);
        return LeaderboardOrder.ToRow(own.ToAccountTotals(account, parts.GetValueOrDefault(account, ScoreParts.Empty)), rank, asOf, query.OnlineTimeout);
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
            "SELECT e.seq, e.scheme, e.report_id, e.account, e.peer, k.name, e.amount, e.active_seconds, e.report_time, " +
            "e.recorded_time, r.rule_set_id, r.rule_set_hash, e.reason, e.operator " +
            $"FROM {_s}.entries e JOIN {_s}.rule_sets r ON r.ref = e.rule_set_ref JOIN {_s}.kinds k ON k.ref = e.kind " +
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
                reader.GetString(5), Points.FromUnits(reader.GetInt64(6)), reader.GetInt64(7),
                LedgerTime.FromTicks(reader.GetInt64(8)), LedgerTime.FromTicks(reader.GetInt64(9)),
                reader.GetString(10), reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13));
        }
    }

    /// <inheritdoc />
    public async Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            // One pass over the entries counts them and finds the latest report time (report_time has a BRIN index, which
            // has no order to read a maximum from).
            $"SELECT (SELECT COUNT(*) FROM {_s}.reports), e.count, (SELECT COUNT(DISTINCT account) FROM {_s}.account_totals), e.last " +
            $"FROM (SELECT COUNT(*) AS count, MAX(report_time) AS last FROM {_s}.entries) e;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerSummary(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
            reader.IsDBNull(3) ? null : LedgerTime.FromTicks(reader.GetInt64(3)));
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
        // Reads the committed state without locks: one statement, one snapshot.
        await using var command = _dataSource.CreateCommand(
            $"SELECT key, value FROM {_s}.scheme_state WHERE scheme = @scheme AND key >= @prefix AND value IS NOT NULL ORDER BY key;");
        command.Parameters.AddWithValue("scheme", scheme);
        command.Parameters.AddWithValue("prefix", prefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string key = reader.GetString(0);
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
                yield break;
            yield return KeyValuePair.Create(key, reader.GetFieldValue<byte[]>(1));
        }
    }

    /// <summary>Closes this ledger's pooled connections (not those of a data source it was given).</summary>
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>
    /// Runs the work in one READ COMMITTED transaction and commits it, again from the start after PostgreSQL aborted it
    /// as a deadlock victim or serialization failure, the connection failed transiently, or the work lost a key race
    /// (<see cref="TransientLedgerException"/>). Safe because an aborted transaction left nothing behind.
    /// </summary>
    private Task<T> WriteCoreAsync<T>(Func<PostgresLedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        WithRetryAsync(async () =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            var ledger = new PostgresLedgerTransaction(connection, transaction, _merge, _options.Schema, _time.GetUtcNow());
            T result;
            try
            {
                result = await work(ledger, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                await ledger.FinishAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ledger.Close();
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            ledger.RefsToCache.CacheIn(_kinds, _ruleSets);
            return result;
        }, cancellationToken);

    internal static TotalsRow ReadTotals(NpgsqlDataReader reader, int first) => new()
    {
        Total = reader.GetInt64(first),
        ActiveSeconds = reader.GetInt64(first + 1),
        EntryCount = reader.GetInt64(first + 2),
        FirstSeen = reader.GetInt64(first + 3),
        LastSeen = reader.GetInt64(first + 4),
    };

    /// <summary>Where totals come from.</summary>
    private abstract record Source;

    /// <summary>One scheme's running totals.</summary>
    private sealed record RunningScheme(string Scheme) : Source;

    /// <summary>Every scheme's running totals, summed per account (the schemes are listed for key lookups).</summary>
    private sealed record RunningAll(string[] Schemes) : Source;

    /// <summary>The entries of a window, summed per <paramref name="Key"/> (account or peer), optionally of one scheme and account.</summary>
    private sealed record Window(TickRange Range, string Key, string? Scheme, string? Account) : Source;

    /// <summary>Which keys a totals or parts query is restricted to.</summary>
    private enum KeyFilter
    {
        /// <summary>Every key.</summary>
        All,

        /// <summary>The key bound to <c>@key</c>.</summary>
        One,

        /// <summary>The keys in the array bound to <c>@keys</c>.</summary>
        Many,
    }

    /// <summary>Running totals for a scheme, or for every scheme (a single scheme's own totals when there is only one).</summary>
    private async Task<Source> RunningSourceAsync(NpgsqlConnection connection, string? scheme, CancellationToken cancellationToken)
    {
        if (scheme is not null)
            return new RunningScheme(scheme);
        // The distinct schemes by a loose index scan: one index seek per scheme, not a scan of the accounts.
        await using var command = new NpgsqlCommand(
            $"WITH RECURSIVE s(scheme) AS (SELECT MIN(scheme) FROM {_s}.account_totals UNION ALL " +
            $"SELECT (SELECT MIN(scheme) FROM {_s}.account_totals t WHERE t.scheme > s.scheme) FROM s WHERE s.scheme IS NOT NULL) " +
            "SELECT scheme FROM s WHERE scheme IS NOT NULL;", connection);
        var schemes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                schemes.Add(reader.GetString(0));
        return schemes.Count == 1 ? new RunningScheme(schemes[0]) : new RunningAll([.. schemes]);
    }

    /// <summary>
    /// SQL yielding <c>key, total, active_seconds, entry_count, first_seen, last_seen</c> per key, binding its parameters.
    /// SUM of bigint is numeric in PostgreSQL; the cast back to bigint raises 22003 instead of wrapping.
    /// </summary>
    private string TotalsSql(Source source, KeyFilter filter, NpgsqlCommand command) => source switch
    {
        RunningScheme s => Bind(command, "scheme", s.Scheme) +
            $"SELECT account AS key, {TotalsColumns} FROM {_s}.account_totals WHERE scheme = @scheme{KeyClause("account", filter)}",
        RunningAll a =>
            "SELECT account AS key, SUM(total)::bigint AS total, SUM(active_seconds)::bigint AS active_seconds, " +
            "SUM(entry_count)::bigint AS entry_count, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen " +
            $"FROM {_s}.account_totals WHERE {InSchemes(a, filter, command)}{KeyClause("account", filter)} GROUP BY account",
        Window w =>
            $"SELECT {w.Key} AS key, SUM(amount)::bigint AS total, SUM(active_seconds)::bigint AS active_seconds, COUNT(*) AS entry_count, " +
            $"COALESCE(MIN(report_time) FILTER (WHERE kind NOT IN ({ManualKindRefs})), @noFirst) AS first_seen, " +
            $"COALESCE(MAX(report_time) FILTER (WHERE kind NOT IN ({ManualKindRefs})), @noLast) AS last_seen " +
            $"FROM {_s}.entries WHERE {WindowClause(w, command)}{KeyClause(w.Key, filter)} GROUP BY {w.Key}",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>SQL yielding <c>key, name, amount</c> per key and kind, binding its parameters.</summary>
    private string PartsSql(Source source, KeyFilter filter, NpgsqlCommand command)
    {
        string sums = source switch
        {
            RunningScheme s => Bind(command, "scheme", s.Scheme) +
                $"SELECT account AS key, kind, amount FROM {_s}.kind_totals WHERE scheme = @scheme{KeyClause("account", filter)}",
            RunningAll a =>
                $"SELECT account AS key, kind, SUM(amount)::bigint AS amount FROM {_s}.kind_totals WHERE {InSchemes(a, filter, command)}" +
                $"{KeyClause("account", filter)} GROUP BY account, kind",
            Window w =>
                $"SELECT {w.Key} AS key, kind, SUM(amount)::bigint AS amount FROM {_s}.entries WHERE {WindowClause(w, command)}" +
                $"{KeyClause(w.Key, filter)} GROUP BY {w.Key}, kind",
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        return $"SELECT p.key, k.name, p.amount FROM ({sums}) p JOIN {_s}.kinds k ON k.ref = p.kind";
    }

    /// <summary>The totals of one key (account), or null when it has none.</summary>
    private async Task<TotalsRow?> OwnTotalsAsync(NpgsqlConnection connection, Source source, string account, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = TotalsSql(source, KeyFilter.One, command) + ";";
        command.Parameters.AddWithValue("key", account);
        return await QueryOverflowing<TotalsRow?>(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTotals(reader, 1) : null;
        }).ConfigureAwait(false);
    }

    /// <summary>The parts of the given keys (every key when null), by key.</summary>
    private async Task<Dictionary<string, ScoreParts>> PartsAsync(
        NpgsqlConnection connection, Source source, IReadOnlyList<string>? keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, ScoreParts>(StringComparer.Ordinal);
        if (keys is { Count: 0 })
            return result;
        await using var command = new NpgsqlCommand { Connection = connection };
        var filter = keys switch { null => KeyFilter.All, [_] => KeyFilter.One, _ => KeyFilter.Many };
        command.CommandText = PartsSql(source, filter, command) + ";";
        if (filter == KeyFilter.One)
            command.Parameters.AddWithValue("key", keys![0]);
        else if (filter == KeyFilter.Many)
            command.Parameters.AddWithValue("keys", keys!.ToArray());
        var byKey = new Dictionary<string, List<KeyValuePair<string, long>>>(StringComparer.Ordinal);
        await QueryOverflowing(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                string key = reader.GetString(0);
                if (!byKey.TryGetValue(key, out var list))
                    byKey[key] = list = [];
                list.Add(KeyValuePair.Create(reader.GetString(1), reader.GetInt64(2)));
            }
            return true;
        }).ConfigureAwait(false);
        foreach (var (key, list) in byKey)
            result[key] = ScoreParts.FromUnits(list);
        return result;
    }

    /// <summary>How many accounts the running totals of <paramref name="source"/> rank.</summary>
    private async Task<long> CountRunningAsync(NpgsqlConnection connection, Source source, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText = source is RunningScheme s
            ? Bind(command, "scheme", s.Scheme) + $"SELECT COUNT(*) FROM {_s}.account_totals WHERE scheme = @scheme;"
            : $"SELECT COUNT(DISTINCT account) FROM {_s}.account_totals;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static string KeyClause(string column, KeyFilter filter) => filter switch
    {
        KeyFilter.One => $" AND {column} = @key",
        KeyFilter.Many => $" AND {column} = ANY(@keys)",
        _ => "",
    };

    /// <summary>Every scheme's rows: with a key filter, one primary-key lookup per scheme (the key starts with the scheme).</summary>
    private static string InSchemes(RunningAll source, KeyFilter filter, NpgsqlCommand command) =>
        filter == KeyFilter.All ? "TRUE" : Bind(command, "schemes", source.Schemes) + "scheme = ANY(@schemes)";

    private static string WindowClause(Window window, NpgsqlCommand command)
    {
        Bind(command, "from", window.Range.From);
        Bind(command, "to", window.Range.To);
        Bind(command, "noFirst", TotalsRow.NoFirstSeen);
        Bind(command, "noLast", TotalsRow.NoLastSeen);
        return "report_time >= @from AND report_time < @to" +
            (window.Scheme is null ? "" : Bind(command, "wscheme", window.Scheme) + " AND scheme = @wscheme") +
            (window.Account is null ? "" : Bind(command, "waccount", window.Account) + " AND account = @waccount");
    }

    /// <summary>Binds a parameter once per command (a query may mention it twice); returns "" to splice into SQL text.</summary>
    private static string Bind(NpgsqlCommand command, string name, object value)
    {
        if (!command.Parameters.Contains(name))
            command.Parameters.AddWithValue(name, value);
        return "";
    }

    /// <summary>All-time (or as of a time at or after the latest report) reads the running totals: no aggregation.</summary>
    private async Task<bool> UsesRunningTotalsAsync(NpgsqlConnection connection, TickRange range, CancellationToken cancellationToken)
    {
        if (range.From != long.MinValue) return false;
        if (range.To == long.MaxValue) return true;
        // Nothing at or after the end of the range: the BRIN index on report_time reads only the page ranges that may hold such an entry.
        await using var command = new NpgsqlCommand($"SELECT NOT EXISTS (SELECT 1 FROM {_s}.entries WHERE report_time >= @to);", connection);
        command.Parameters.AddWithValue("to", range.To);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<T> QueryOverflowing<T>(Func<Task<T>> query)
    {
        try
        {
            return await query().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
        {
            throw new LedgerOverflowException("A sum over the requested window or schemes exceeds the 64-bit range.", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (one whole transaction), again when PostgreSQL aborted it as a deadlock victim or
    /// serialization failure, the connection failed transiently, or it lost a key race. Safe because an aborted
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
            catch (Exception e) when ((e is TransientLedgerException || (e is NpgsqlException n && n.IsTransient))
                                      && attempt < _options.Retries && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (1 << Math.Min(attempt, 6)) + Random.Shared.Next(20)), _time, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }
}
