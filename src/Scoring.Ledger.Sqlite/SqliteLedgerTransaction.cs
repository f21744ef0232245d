using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// A write transaction of <see cref="SqliteLedgerStore"/>: the connection holds SQLite's write lock (BEGIN IMMEDIATE)
/// for its whole life, so what it reads cannot change under it and classification needs no further locking. Every
/// mutating call runs inside a savepoint, so a call that fails (an overflow, a key already recorded) leaves nothing of
/// itself and the work may go on.
/// </summary>
internal sealed class SqliteLedgerTransaction : LedgerTransaction, IDisposable
{
    private readonly Dictionary<string, long> _newKinds = new(StringComparer.Ordinal);
    private readonly SqliteStatements _statements;
    private readonly SqliteNames _names;
    private readonly CommittedRefs _committedKinds;
    private readonly SqliteWriteBuffers _buffers;
    private readonly DateTimeOffset _now;
    private bool _closed;

    public SqliteLedgerTransaction(
        SqliteConnection connection, CommittedRefs committedKinds, CommittedRefs committedNames, SqliteWriteBuffers buffers, DateTimeOffset now)
    {
        _statements = new SqliteStatements(connection);
        _names = new SqliteNames(_statements, committedNames);
        (_committedKinds, _buffers, _now) = (committedKinds, buffers, now);
    }

    public override DateTimeOffset Now => _now;

    protected override ValueTask<StoredKey[]> LookupKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Lookup(keys));

    private StoredKey[] Lookup(IReadOnlyList<ReportKey> keys)
    {
        EnsureOpen();
        return SqliteKeyLookup.Lookup(_statements, _names, keys);
    }

    protected override async ValueTask RecordKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        // Insert first, look up only on a clash: the primary key refuses a recorded key, and the savepoint takes back
        // the chunk inserted so far, so the common case costs one B-tree descent per key instead of two.
        try
        {
            Atomically(() => SqliteBatchWriter.InsertKeys(_statements, _names, _buffers, keys));
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqlitePrimaryKeyViolation)
        {
            var stored = await LookupKeysAsync(keys, cancellationToken).ConfigureAwait(false);
            var recorded = keys.Where((_, i) => stored[i].Found).Select(k => k.ToString()).FirstOrDefault() ?? "in the list twice";
            throw new InvalidOperationException($"The report key {recorded} is already recorded; record only keys classified as new. Nothing was recorded.", e);
        }
    }

    private const int SqlitePrimaryKeyViolation = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY

    /// <summary>
    /// What an append does, in as few B-tree descents as the batch allows. A replay (its first key is known) is looked up
    /// first: one probe per key, nothing written for the known ones. A fresh batch is inserted first: a new key is then
    /// classified and recorded by one insert, and only chunks that meet a known key are looked up. Under the write lock
    /// nothing else records keys, so both give the statuses <see cref="LedgerTransaction.ClassifyAsync"/> would.
    /// </summary>
    internal override async ValueTask<ReportKeyStatus[]> RecordNewAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (keys.Count == 0 || Lookup([keys[0]])[0].Found)
            return await base.RecordNewAsync(keys, cancellationToken).ConfigureAwait(false);
        ReportKeyStatus[] statuses = [];
        Atomically(() => statuses = SqliteBatchWriter.InsertNewKeys(_statements, _names, _buffers, keys, chunk =>
        {
            var chunkStatuses = Classify(chunk, Lookup(chunk));
            var fresh = chunk.Where((_, i) => chunkStatuses[i] == ReportKeyStatus.New).ToList();
            if (fresh.Count > 0)
                SqliteBatchWriter.InsertKeys(_statements, _names, _buffers, fresh);
            return chunkStatuses;
        }));
        return statuses;
    }

    /// <summary>Inserts keys this transaction has just classified as new: under the write lock nothing else can have recorded them.</summary>
    protected override ValueTask InsertNewKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        EnsureOpen();
        Atomically(() => SqliteBatchWriter.InsertKeys(_statements, _names, _buffers, keys));
        return ValueTask.CompletedTask;
    }

    internal override ValueTask<int> AppendValidatedAsync(IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var created = new Dictionary<string, long>(StringComparer.Ordinal);
        int entries = 0;
        Atomically(() => entries = SqliteBatchWriter.AppendEntries(_statements, _names, _buffers, reports, _now.UtcTicks, name => KindRef(name, created)));
        foreach (var (name, kindRef) in created)
            _newKinds[name] = kindRef;
        return ValueTask.FromResult(entries);
    }

    protected override ValueTask<IReadOnlyDictionary<string, byte[]>> GetStateCoreAsync(
        string scheme, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var get = _statements.Get("SELECT value FROM scheme_state WHERE scheme = ?1 AND key = ?2;");
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        get.Bind(1, scheme);
        foreach (var key in keys)
        {
            get.Bind(2, key);
            if (get.Read())
            {
                found[key] = get.GetBlob(0);
                get.Reset();
            }
        }
        return ValueTask.FromResult<IReadOnlyDictionary<string, byte[]>>(found);
    }

    protected override ValueTask<IReadOnlyList<KeyValuePair<string, byte[]>>> ScanStatePageAsync(
        string scheme, string? after, string prefix, int limit, CancellationToken cancellationToken)
    {
        EnsureOpen();
        // Keys with a prefix are one run in code point (BINARY) order, starting at the prefix itself.
        var scan = _statements.Get(after is null
            ? "SELECT key, value FROM scheme_state WHERE scheme = ?1 AND key >= ?2 ORDER BY key LIMIT ?3;"
            : "SELECT key, value FROM scheme_state WHERE scheme = ?1 AND key > ?2 ORDER BY key LIMIT ?3;");
        scan.Bind(1, scheme);
        scan.Bind(2, after ?? prefix);
        scan.Bind(3, limit);
        var page = new List<KeyValuePair<string, byte[]>>();
        while (scan.Read())
        {
            string key = scan.GetString(0);
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                scan.Reset();
                break;
            }
            page.Add(KeyValuePair.Create(key, scan.GetBlob(1)));
        }
        return ValueTask.FromResult<IReadOnlyList<KeyValuePair<string, byte[]>>>(page);
    }

    protected override ValueTask PutStateCoreAsync(string scheme, IReadOnlyList<KeyValuePair<string, byte[]?>> changes, CancellationToken cancellationToken)
    {
        EnsureOpen();
        Atomically(() =>
        {
            var put = _statements.Get(
                "INSERT INTO scheme_state(scheme, key, value) VALUES (?1, ?2, ?3) ON CONFLICT (scheme, key) DO UPDATE SET value = excluded.value;");
            var delete = _statements.Get("DELETE FROM scheme_state WHERE scheme = ?1 AND key = ?2;");
            foreach (var (key, value) in changes)
            {
                var statement = value is null ? delete : put;
                statement.Bind(1, scheme);
                statement.Bind(2, key);
                if (value is not null)
                    statement.Bind(3, value);
                statement.Execute();
            }
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>The kind refs this transaction created, to be published once it has committed.</summary>
    public IReadOnlyDictionary<string, long> NewKinds => _newKinds;

    /// <summary>The name refs this transaction looked up or created, to be published once it has committed.</summary>
    public IReadOnlyCollection<KeyValuePair<string, long>> LearnedNames => _names.Learned;

    /// <summary>Ends the transaction's use: statements are finalized (a commit needs none pending) and later calls fail.</summary>
    public void Dispose()
    {
        _closed = true;
        _statements.Dispose();
    }

    /// <summary>A kind's number: from the committed refs, this transaction's, or the kinds table (adding it on first use).</summary>
    private long KindRef(string name, Dictionary<string, long> created)
    {
        if (_committedKinds.TryGet(name, out long kindRef) || _newKinds.TryGetValue(name, out kindRef) || created.TryGetValue(name, out kindRef))
            return kindRef;
        var add = _statements.Get("INSERT INTO kinds(name) VALUES (?1) ON CONFLICT DO NOTHING;");
        add.Bind(1, name);
        add.Execute();
        var find = _statements.Get("SELECT ref FROM kinds WHERE name = ?1;");
        find.Bind(1, name);
        find.Read();
        kindRef = find.GetInt64(0);
        find.Reset();
        created[name] = kindRef;
        return kindRef;
    }

    /// <summary>Runs <paramref name="write"/> inside a savepoint: all of it stays in the transaction, or none.</summary>
    private void Atomically(Action write)
    {
        EnsureOpen();
        Execute("SAVEPOINT ledger_call;");
        int names = _names.Mark;
        try
        {
            write();
        }
        catch
        {
            _names.RollBackTo(names);
            try
            {
                Execute("ROLLBACK TO ledger_call;");
                Execute("RELEASE ledger_call;");
            }
            catch (SqliteException)
            {
                // SQLite already rolled the whole transaction back (e.g. a full disk); the original error says why.
            }
            throw;
        }
        Execute("RELEASE ledger_call;");
    }

    private void Execute(string sql) => _statements.Execute(sql);

    private void EnsureOpen()
    {
        if (_closed)
            throw new InvalidOperationException("The ledger transaction is over: use it only inside its work, before the work returns.");
    }
}
