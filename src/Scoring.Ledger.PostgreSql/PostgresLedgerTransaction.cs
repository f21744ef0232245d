using Npgsql;
using NpgsqlTypes;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// A write transaction of <see cref="PostgresLedgerStore"/> on one connection, READ COMMITTED. Every mutating call runs
/// inside a savepoint, so a call that fails leaves nothing of itself and the work may go on.
/// </summary>
/// <remarks>
/// <para>State: every key a transaction reads or writes is row-locked until it ends — an upsert that inserts a NULL
/// placeholder for a key that does not exist yet (so an absent key is locked too; placeholders left unwritten are
/// deleted before the commit) and otherwise locks the existing row. Two writers of one key take turns and each reads
/// what the other committed (no lost updates); writers of different keys (a swarm's different accounts) never wait for
/// each other. Keys of one call are locked in key order; calls that lock in different orders may deadlock, which
/// PostgreSQL breaks and the store retries.</para>
/// <para>Keys: classification reads the committed keys; another transaction may record the same key before this one
/// does. Recording relies on the primary key: an insert waits for a concurrent insert of the key and, if that one
/// commits, fails (a plain insert, rolled back to its savepoint) or skips it (<c>ON CONFLICT DO NOTHING</c>). A key this transaction saw as absent but could not insert was taken by a
/// concurrent transaction: the work is run again (<see cref="TransientLedgerException"/>), and then classifies it as a
/// duplicate or conflict. A key that was never seen absent is the caller's error (<see cref="InvalidOperationException"/>).</para>
/// </remarks>
internal sealed class PostgresLedgerTransaction(
    NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresBatchMerge merge, string schema, DateTimeOffset now)
    : LedgerTransaction
{
    private readonly string _s = PostgresNames.Quote(schema);
    private readonly HashSet<(string, string, string)> _seenAbsent = [];
    // Keys this transaction inserted as NULL placeholders (to lock them) and has not written since, per scheme.
    private readonly Dictionary<string, HashSet<string>> _placeholders = new(StringComparer.Ordinal);
    private bool _closed;

    public override DateTimeOffset Now => now;

    /// <summary>Kind and rule-set refs to cache once the transaction commits.</summary>
    public PostgresRefsToCache RefsToCache { get; } = new();

    /// <summary>Ends the transaction's use: later calls fail instead of writing into a finished transaction.</summary>
    public void Close() => _closed = true;

    /// <summary>Before the commit: deletes the placeholders of keys that were read as absent and never written.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var unwritten = _placeholders.SelectMany(p => p.Value.Select(key => (Scheme: p.Key, Key: key))).ToList();
        if (unwritten.Count == 0)
            return;
        await using var command = new NpgsqlCommand(
            $"DELETE FROM {_s}.scheme_state t USING unnest(@schemes, @keys) AS u(sc, k) WHERE t.scheme = u.sc AND t.key = u.k AND t.value IS NULL;", connection);
        command.Parameters.AddWithValue("schemes", unwritten.Select(u => u.Scheme).ToArray());
        command.Parameters.AddWithValue("keys", unwritten.Select(u => u.Key).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _placeholders.Clear();
    }

    protected override async ValueTask<StoredKey[]> LookupKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var stored = new StoredKey[keys.Count];
        await using var command = new NpgsqlCommand(PostgresKeyLookup.Sql(_s), connection);
        PostgresKeyLookup.AddKeys(command, keys);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                PostgresKeyLookup.Read(reader, stored);
        for (int i = 0; i < keys.Count; i++)
            if (!stored[i].Found)
                _seenAbsent.Add(Id(keys[i]));
        return stored;
    }

    protected override async ValueTask RecordKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (!await TryInsertKeysAsync(keys, cancellationToken).ConfigureAwait(false))
        {
            // A key is there already (the savepoint took back the rest): recorded by a concurrent transaction after this one
            // saw it absent (a lost race: run the work again), or never seen absent (the caller's error).
            var stored = await LookupKeysAsync(keys, cancellationToken).ConfigureAwait(false);
            int taken = Array.FindIndex(stored, k => k.Found);
            if (taken < 0)
                throw new TransientLedgerException($"Recording {keys.Count} report keys met a key that is gone again; nothing was recorded.");
            var key = keys[taken];
            if (_seenAbsent.Contains(Id(key)))
                throw new TransientLedgerException(
                    $"The report key {key} was recorded by a concurrent transaction after this one classified it as new; nothing was recorded.");
            throw new InvalidOperationException($"The report key {key} is already recorded; record only keys classified as new. Nothing was recorded.");
        }
        // Recorded by this transaction: from now on a failed insert of one of them is the caller's error, not a race.
        foreach (var key in keys)
            _seenAbsent.Remove(Id(key));
    }

    /// <summary>
    /// Classifies and records what is new without a retry. The keys are inserted first, in one statement: when all are
    /// new — a batch of fresh reports, the common case — that is one primary-key descent per key and no look-up. When one
    /// is there already (a replay, a copy within the batch, or a key a concurrent transaction recorded, waited for), the
    /// savepoint takes the insert back and the keys are looked up, the absent ones inserted. Should a concurrent
    /// transaction record one of those in between, the insert is done again with <c>ON CONFLICT DO NOTHING</c> (which
    /// waits for that transaction) and the keys it skipped are classified against what was committed.
    /// </summary>
    internal override async ValueTask<ReportKeyStatus[]> RecordNewAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (keys.Count == 0)
            return [];
        if (await TryInsertKeysAsync(keys, cancellationToken).ConfigureAwait(false))
        {
            var allNew = new ReportKeyStatus[keys.Count];
            Array.Fill(allNew, ReportKeyStatus.New);
            return allNew;
        }
        var statuses = Classify(keys, await LookupKeysAsync(keys, cancellationToken).ConfigureAwait(false));
        var fresh = new List<ReportKey>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
            if (statuses[i] == ReportKeyStatus.New)
                fresh.Add(keys[i]);
        if (fresh.Count == 0 || await TryInsertKeysAsync(fresh, cancellationToken).ConfigureAwait(false))
        {
            foreach (var key in fresh)
                _seenAbsent.Remove(Id(key));
            return statuses;
        }

        HashSet<(string, string, string)> inserted = [];
        await AtomicallyAsync(async () => inserted = await InsertKeysSkippingKnownAsync(fresh, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        _seenAbsent.ExceptWith(inserted);
        var lost = fresh.Where(k => !inserted.Contains(Id(k))).ToList();
        var stored = await LookupKeysAsync(lost, cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<(string, string, string), StoredKey>();
        for (int i = 0; i < lost.Count; i++)
            byKey[Id(lost[i])] = stored[i].Found
                ? stored[i]
                // Skipped by ON CONFLICT yet not there: the conflicting row is gone, which a committed key never is.
                : throw new TransientLedgerException($"The report key {lost[i]} was neither recorded nor found.");
        // The keys a concurrent transaction committed first are duplicates or conflicts of what it recorded; so are the
        // later copies of such a key in this list (judged against the recorded one instead of against the first copy).
        for (int i = 0; i < keys.Count; i++)
        {
            if (byKey.TryGetValue(Id(keys[i]), out var row))
                statuses[i] = StatusOf(row, keys[i]);
        }
        return statuses;
    }

    internal override async ValueTask<int> AppendValidatedAsync(IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken)
    {
        int entries = 0;
        var refs = new PostgresRefsToCache();
        await AtomicallyAsync(async () =>
            entries = await merge.AppendAsync(connection, transaction, reports, now.UtcTicks, refs, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        RefsToCache.AddRange(refs);
        return entries;
    }

    protected override async ValueTask<IReadOnlyDictionary<string, byte[]>> GetStateCoreAsync(
        string scheme, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var placeholders = new List<string>();
        await AtomicallyAsync(async () =>
        {
            // Locks every key in key order: an absent one by inserting its placeholder, a present one by a no-op update.
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {_s}.scheme_state(scheme, key, value) SELECT @scheme, k, NULL FROM unnest(@keys) AS k ORDER BY k " +
                "ON CONFLICT (scheme, key) DO UPDATE SET value = scheme_state.value RETURNING key, value;", connection);
            command.Parameters.AddWithValue("scheme", scheme);
            command.Parameters.AddWithValue("keys", keys.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.IsDBNull(1))
                    placeholders.Add(reader.GetString(0));
                else
                    found[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (placeholders.Count > 0)
            PlaceholdersOf(scheme).UnionWith(placeholders);
        return found;
    }

    protected override async ValueTask<IReadOnlyList<KeyValuePair<string, byte[]>>> ScanStatePageAsync(
        string scheme, string? after, string prefix, int limit, CancellationToken cancellationToken)
    {
        var page = new List<KeyValuePair<string, byte[]>>();
        await AtomicallyAsync(async () =>
        {
            // Keys with a prefix are one run in code point (COLLATE "C") order, starting at the prefix itself. The rows
            // returned are locked; a key another transaction adds meanwhile is not seen (no predicate lock).
            await using var command = new NpgsqlCommand(
                $"SELECT key, value FROM {_s}.scheme_state WHERE scheme = @scheme AND key {(after is null ? ">=" : ">")} @from AND value IS NOT NULL " +
                "ORDER BY key LIMIT @limit FOR UPDATE;", connection);
            command.Parameters.AddWithValue("scheme", scheme);
            command.Parameters.AddWithValue("from", after ?? prefix);
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                string key = reader.GetString(0);
                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                    break;
                page.Add(KeyValuePair.Create(key, reader.GetFieldValue<byte[]>(1)));
            }
        }, cancellationToken).ConfigureAwait(false);
        return page;
    }

    protected override async ValueTask PutStateCoreAsync(string scheme, IReadOnlyList<KeyValuePair<string, byte[]?>> changes, CancellationToken cancellationToken)
    {
        await AtomicallyAsync(async () =>
        {
            // Distinct keys in ordinal order (the base folded them), so each row is touched once, in key order.
            var written = changes.Where(c => c.Value is not null).ToList();
            var deleted = changes.Where(c => c.Value is null).Select(c => c.Key).ToArray();
            if (deleted.Length > 0)
            {
                await using var delete = new NpgsqlCommand($"DELETE FROM {_s}.scheme_state WHERE scheme = @scheme AND key = ANY(@keys);", connection);
                delete.Parameters.AddWithValue("scheme", scheme);
                delete.Parameters.AddWithValue("keys", deleted);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            if (written.Count > 0)
            {
                await using var put = new NpgsqlCommand(
                    $"INSERT INTO {_s}.scheme_state(scheme, key, value) SELECT @scheme, k, v FROM unnest(@keys, @values) AS c(k, v) ORDER BY k " +
                    "ON CONFLICT (scheme, key) DO UPDATE SET value = EXCLUDED.value;", connection);
                put.Parameters.AddWithValue("scheme", scheme);
                put.Parameters.AddWithValue("keys", written.Select(c => c.Key).ToArray());
                put.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = written.Select(c => c.Value!).ToArray() });
                await put.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (_placeholders.TryGetValue(scheme, out var placeholders))
            placeholders.ExceptWith(changes.Select(c => c.Key));
    }

    private HashSet<string> PlaceholdersOf(string scheme)
    {
        if (!_placeholders.TryGetValue(scheme, out var keys))
            _placeholders[scheme] = keys = new HashSet<string>(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>
    /// Inserts keys this transaction holds to be new in one statement, in key order (the lock order that keeps concurrent
    /// recorders from deadlocking), inside a savepoint. False, with nothing inserted, when one of them is recorded already
    /// (a plain insert: a third cheaper than <c>ON CONFLICT</c>, which only the rare race needs).
    /// </summary>
    private async Task<bool> TryInsertKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicallyAsync(async () =>
            {
                await using var command = InsertKeysCommand(keys, "");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Inserts the keys not recorded yet (waiting for concurrent inserts of the same key), in key order; returns those inserted.</summary>
    private async Task<HashSet<(string, string, string)>> InsertKeysSkippingKnownAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        await using var command = InsertKeysCommand(keys, " ON CONFLICT DO NOTHING RETURNING scheme, producer, report_id");
        var inserted = new HashSet<(string, string, string)>(keys.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            inserted.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return inserted;
    }

    private NpgsqlCommand InsertKeysCommand(IReadOnlyList<ReportKey> keys, string onConflict)
    {
        var command = new NpgsqlCommand(
            $"INSERT INTO {_s}.reports(scheme, producer, report_id, content_hash, recorded_time) " +
            "SELECT k.scheme, k.producer, k.report_id, k.content_hash, @recorded FROM unnest(@schemes, @producers, @ids, @hashes) AS k(scheme, producer, report_id, content_hash) " +
            $"ORDER BY 1, 3, 2{onConflict};", connection);
        PostgresKeyLookup.AddKeys(command, keys);
        command.Parameters.AddWithValue("hashes", keys.Select(k => k.ContentHash).ToArray());
        command.Parameters.AddWithValue("recorded", now.UtcTicks);
        return command;
    }


    /// <summary>Runs <paramref name="write"/> inside a savepoint: all of it stays in the transaction, or none.</summary>
    private async Task AtomicallyAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        EnsureOpen();
        await transaction.SaveAsync("ledger_call", cancellationToken).ConfigureAwait(false);
        try
        {
            await write().ConfigureAwait(false);
        }
        catch
        {
            // After a failed statement the transaction accepts nothing but a rollback: back to the savepoint, so the
            // work may go on (or retry) knowing that nothing of this call remains. Without a connection there is
            // nothing to roll back, and the original error says why.
            try
            {
                await transaction.RollbackAsync("ledger_call", CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
            }
            throw;
        }
        await transaction.ReleaseAsync("ledger_call", cancellationToken).ConfigureAwait(false);
    }

    private void EnsureOpen()
    {
        if (_closed)
            throw new InvalidOperationException("The ledger transaction is over: use it only inside its work, before the work returns.");
    }
}
