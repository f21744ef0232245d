using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// Writes report keys and entries inside the caller's write transaction: statements prepared once per call on the
/// native handle (<see cref="SqliteStatement"/>), keys and entries 32 rows per statement (<see cref="SqliteRowsInsert"/>),
/// names as refs (<see cref="SqliteNames"/>), totals added in SQL. Profiled on the 2-core machine, the earlier design
/// (rows shipped as JSON and unpacked by <c>json_each</c>) spent a third of its time re-parsing JSON text; this one
/// spends it in SQLite's B-trees, and schema version 4 gives them fewer and narrower rows to insert.
/// </summary>
/// <remarks>
/// The multi-row inserts are <c>INSERT OR FAIL</c>. With SQLite's default (ABORT), every statement that writes several
/// rows inside a transaction first copies each page it is about to change into a statement journal, a temporary file,
/// so that it can undo itself alone; for an <c>entry_groups</c> chunk that is a page of the by-account index per row.
/// That was 1.4 page writes per swarm report, 5.6 of its 23 CPU seconds per million in the kernel. Nothing here needs a
/// statement undone alone: every call runs inside its own savepoint (<c>SqliteLedgerTransaction.Atomically</c>), which
/// takes the whole call back when a statement fails, so FAIL (stop at the failing row, keep none of the call) gives the
/// same ledger without the copies. The totals upserts keep ABORT: their overflow replay needs a refused chunk to leave
/// none of its rows, and they touch a few pages per batch.
/// </remarks>
internal static class SqliteBatchWriter
{
    private const string InsertKeysHead = "INSERT OR FAIL INTO reports(scheme, report_id, producer, content_hash)";

    /// <summary>Inserts report keys known to be new (classified under this transaction's write lock).</summary>
    public static void InsertKeys(SqliteStatements statements, SqliteNames names, SqliteWriteBuffers buffers, IReadOnlyList<ReportKey> keys)
    {
        var insert = new SqliteRowsInsert(statements, InsertKeysHead, 4);
        insert.Run(Rows(names, buffers, keys), BindKey);
    }

    /// <summary>The keys with their scheme and producer refs, interned before any row is inserted.</summary>
    private static List<KeyRow> Rows(SqliteNames names, SqliteWriteBuffers buffers, IReadOnlyList<ReportKey> keys)
    {
        var rows = buffers.Keys;
        rows.Clear();
        rows.EnsureCapacity(keys.Count);
        for (int i = 0; i < keys.Count; i++)
            rows.Add(new KeyRow(keys[i], names.Intern(keys[i].Scheme), names.Intern(keys[i].Producer)));
        return rows;
    }

    /// <summary>
    /// Records the keys that are new in one pass where it can: each 32-key chunk is inserted (<c>ON CONFLICT DO
    /// NOTHING</c>) inside a savepoint, and a chunk that inserted every key is done — classified and recorded in one
    /// B-tree descent per key. A chunk that met a known key is rolled back to its savepoint and handed to
    /// <paramref name="classifyAndRecord"/> instead, which sees the keys of the earlier chunks as recorded (as the
    /// classification of a list must). Returns each key's status (New for the keys recorded here).
    /// </summary>
    public static ReportKeyStatus[] InsertNewKeys(SqliteStatements statements, SqliteNames names, SqliteWriteBuffers buffers, IReadOnlyList<ReportKey> keys,
        Func<IReadOnlyList<ReportKey>, ReportKeyStatus[]> classifyAndRecord)
    {
        var statuses = new ReportKeyStatus[keys.Count];
        // Names first: a chunk rolled back to its savepoint must not take a name with it that a later chunk uses. The
        // rows are copied out of the buffers: classifyAndRecord inserts keys through them.
        var rows = Rows(names, buffers, keys).ToArray();
        var savepoint = statements.Get("SAVEPOINT ledger_chunk;");
        var release = statements.Get("RELEASE ledger_chunk;");
        var rollback = statements.Get("ROLLBACK TO ledger_chunk;");
        var insert = new SqliteRowsInsert(statements, InsertKeysHead, 4, "ON CONFLICT DO NOTHING");
        for (int start = 0; start < keys.Count; start += SqliteRowsInsert.RowsPerStatement)
        {
            int count = Math.Min(SqliteRowsInsert.RowsPerStatement, keys.Count - start);
            savepoint.Execute();
            if (insert.RunChunk(rows, start, count, BindKey) == count)
            {
                release.Execute();
                continue;
            }
            rollback.Execute();
            release.Execute();
            var chunk = new ReportKey[count];
            for (int i = 0; i < count; i++)
                chunk[i] = keys[start + i];
            classifyAndRecord(chunk).CopyTo(statuses, start);
        }
        return statuses;
    }

    private static void BindKey(SqliteStatement statement, int at, KeyRow row)
    {
        statement.Bind(at + 1, row.SchemeRef);
        statement.BindReportId(at + 2, row.Key.ReportId, row.Key.Producer);
        statement.Bind(at + 3, row.ProducerRef);
        statement.Bind(at + 4, row.Key.ContentHash);
    }

    /// <summary>
    /// Appends one entry per posting of each report, sequence numbers in order, and adds them to the running totals.
    /// A report's consecutive postings to one account share one <c>entry_groups</c> row (scheme, producer, id, account,
    /// times, rule set); each posting is an <c>entries</c> row of what is its own (peer, kind, amount, active seconds,
    /// reason, operator). <paramref name="kindRef"/> gives a kind name's number (creating it on first use).
    /// </summary>
    public static int AppendEntries(
        SqliteStatements statements, SqliteNames names, SqliteWriteBuffers buffers, IReadOnlyList<LedgerReport> reports, long recordedTicks, Func<string, long> kindRef)
    {
        long seq;
        var last = statements.Get("SELECT COALESCE(MAX(seq), 0) + 1 FROM entries;");
        last.Read();
        seq = last.GetInt64(0);
        last.Reset();

        var rows = buffers.Entries;
        var groups = buffers.Groups;
        rows.Clear();
        groups.Clear();
        rows.EnsureCapacity(reports.Count * 2);
        groups.EnsureCapacity(reports.Count);
        var totals = new BatchTotals();
        (string? Name, long Ref) lastKind = default;
        var ruleSets = new RuleSetRefs(statements);
        foreach (var report in reports)
        {
            long reportTicks = report.ReportTime.UtcTicks;
            long scheme = names.Intern(report.Scheme), producer = names.Intern(report.Producer), ruleSet = ruleSets.Of(report);
            string? groupAccount = null;
            foreach (var posting in report.Postings)
            {
                // Consecutive postings mostly share a kind (often the same string instance): reuse the previous answer.
                if (!ReferenceEquals(lastKind.Name, posting.Kind) && lastKind.Name != posting.Kind)
                    lastKind = (posting.Kind, kindRef(posting.Kind));
                if (groupAccount is null || (!ReferenceEquals(groupAccount, posting.Account) && groupAccount != posting.Account))
                {
                    groupAccount = posting.Account;
                    groups.Add(new GroupRow { FirstSeq = seq, SchemeRef = scheme, ProducerRef = producer, Report = report, AccountRef = names.Intern(posting.Account), RuleSetRef = ruleSet });
                }
                CollectionsMarshal.AsSpan(groups)[^1].Count++;
                rows.Add(new EntryRow(seq++, posting, names.Intern(posting.Peer), lastKind.Ref));
                totals.Add(report.Scheme, posting, reportTicks);
            }
        }
        InsertGroups(statements, groups, recordedTicks);
        InsertEntries(statements, rows);
        UpdateTotals(statements, totals.Accounts, rows);
        return rows.Count;
    }


    /// <summary>
    /// Rule-set numbers of the reports being appended. Consecutive reports mostly share a rule set: the previous answer is
    /// reused without hashing two strings; a new pair is recorded on first sight.
    /// </summary>
    private sealed class RuleSetRefs(SqliteStatements statements)
    {
        private readonly Dictionary<(string, string), long> _refs = [];
        private (string? Id, string? Hash, long Ref) _last;

        public long Of(LedgerReport report)
        {
            if (ReferenceEquals(_last.Id, report.RuleSetId) && ReferenceEquals(_last.Hash, report.RuleSetHash))
                return _last.Ref;
            var key = (report.RuleSetId, report.RuleSetHash);
            if (!_refs.TryGetValue(key, out long found))
            {
                var add = statements.Get("INSERT INTO rule_sets(rule_set_id, rule_set_hash) VALUES (?1, ?2) ON CONFLICT DO NOTHING;");
                add.Bind(1, report.RuleSetId);
                add.Bind(2, report.RuleSetHash);
                add.Execute();
                var find = statements.Get("SELECT ref FROM rule_sets WHERE rule_set_id = ?1 AND rule_set_hash = ?2;");
                find.Bind(1, report.RuleSetId);
                find.Bind(2, report.RuleSetHash);
                find.Read();
                _refs[key] = found = find.GetInt64(0);
                find.Reset();
            }
            _last = (report.RuleSetId, report.RuleSetHash, found);
            return found;
        }
    }

    private static void InsertGroups(SqliteStatements statements, List<GroupRow> groups, long recordedTicks)
    {
        var insert = new SqliteRowsInsert(statements,
            "INSERT OR FAIL INTO entry_groups(first_seq, entry_count, scheme, producer, report_id, account, report_time, recorded_time, rule_set_ref)", 9);
        insert.Run(groups, (statement, at, group) =>
        {
            statement.Bind(at + 1, group.FirstSeq);
            statement.Bind(at + 2, group.Count);
            statement.Bind(at + 3, group.SchemeRef);
            statement.Bind(at + 4, group.ProducerRef);
            statement.BindReportId(at + 5, group.Report.ReportId, group.Report.Producer);
            statement.Bind(at + 6, group.AccountRef);
            statement.Bind(at + 7, group.Report.ReportTime.UtcTicks);
            statement.Bind(at + 8, recordedTicks);
            statement.Bind(at + 9, group.RuleSetRef);
        });
    }

    private static void InsertEntries(SqliteStatements statements, List<EntryRow> rows)
    {
        var insert = new SqliteRowsInsert(statements, "INSERT OR FAIL INTO entries(seq, peer, kind, amount, active_seconds, reason, operator)", 7);
        insert.Run(rows, static (statement, at, row) =>
        {
            statement.Bind(at + 1, row.Seq);
            statement.Bind(at + 2, row.PeerRef);
            statement.Bind(at + 3, row.KindRef);
            statement.Bind(at + 4, row.Posting.Amount.Units);
            statement.Bind(at + 5, row.Posting.ActiveSeconds);
            statement.Bind(at + 6, row.Posting.Reason);
            statement.Bind(at + 7, row.Posting.Operator);
        });
    }

    /// <summary>
    /// Adds each (scheme, account)'s delta to its stored totals, then each kind's to its part, without reading the rows
    /// first: upserts that insert a new row or add in SQL to an existing one, 32 rows per statement like the entries.
    /// SQLite's own integer addition would silently turn an overflow into a floating-point value, so each sum is guarded
    /// in exact 64-bit arithmetic and yields NULL instead, which the NOT NULL columns refuse: the statement fails and the
    /// caller rolls the call back. Deltas wider than 64 bits go in as <see cref="TotalsDelta.Steps()"/>, rows of their
    /// own that SQLite applies one after the other.
    /// </summary>
    private static void UpdateTotals(SqliteStatements statements, Dictionary<(string Scheme, string Account), TotalsDelta> deltas, List<EntryRow> rows)
    {
        // Kind names to numbers, from the rows just written (every kind of the deltas is among them).
        var kindRefs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
            kindRefs.TryAdd(row.Posting.Kind, row.KindRef);

        var totals = new List<TotalsStep>(deltas.Count);
        var kinds = new List<KindStep>(deltas.Count);
        foreach (var ((scheme, account), delta) in deltas)
        {
            foreach (var step in delta.Steps())
                totals.Add(new TotalsStep(scheme, account, step));
            // Kinds in ordinal order, as every store checks them: the same part is named when several overflow.
            foreach (var (kind, amount) in delta.Kinds.Count == 1 ? delta.Kinds : [.. delta.Kinds.OrderBy(k => k.Kind, StringComparer.Ordinal)])
                foreach (long step in TotalsDelta.Steps(amount))
                    kinds.Add(new KindStep(scheme, account, kind, kindRefs[kind], step));
        }
        Upsert(statements, UpsertTotalsHead, 7, UpsertTotalsTail, totals, static (statement, at, step) =>
        {
            statement.Bind(at + 1, step.Scheme);
            statement.Bind(at + 2, step.Account);
            statement.Bind(at + 3, step.Row.Total);
            statement.Bind(at + 4, step.Row.ActiveSeconds);
            statement.Bind(at + 5, step.Row.EntryCount);
            statement.Bind(at + 6, step.Row.FirstSeen);
            statement.Bind(at + 7, step.Row.LastSeen);
        }, (step, e) => BatchTotals.Overflow(step.Scheme, step.Account, OverflowingPart(e.Message) ?? TotalsDelta.TotalPart));
        Upsert(statements, UpsertKindHead, 4, UpsertKindTail, kinds, static (statement, at, step) =>
        {
            statement.Bind(at + 1, step.Scheme);
            statement.Bind(at + 2, step.Account);
            statement.Bind(at + 3, step.KindRef);
            statement.Bind(at + 4, step.Amount);
        }, (step, _) => BatchTotals.Overflow(step.Scheme, step.Account, TotalsDelta.KindPart(step.Kind)));
    }

    /// <summary>One 64-bit step of a (scheme, account)'s delta.</summary>
    private readonly record struct TotalsStep(string Scheme, string Account, TotalsRow Row);

    /// <summary>One 64-bit step of a kind's part of a (scheme, account)'s delta.</summary>
    private readonly record struct KindStep(string Scheme, string Account, string Kind, long KindRef, long Amount);

    /// <summary>
    /// Runs a chunked upsert. A statement refused for an overflowing sum left none of its rows (the chunks before it
    /// stay, and the caller rolls them back): its rows are replayed one by one to name the one that overflows.
    /// </summary>
    private static void Upsert<T>(SqliteStatements statements, string head, int columns, string tail, List<T> rows,
        Action<SqliteStatement, int, T> bind, Func<T, SqliteException, LedgerOverflowException> overflow)
    {
        var upsert = new SqliteRowsInsert(statements, head, columns, tail);
        try
        {
            upsert.Run(rows, bind);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteNotNullViolation)
        {
            var (start, count) = upsert.Chunk;
            var single = new SqliteRowsInsert(statements, head, columns, tail);
            for (int i = start; i < start + count; i++)
            {
                try
                {
                    single.Run([rows[i]], bind);
                }
                catch (SqliteException refused) when (refused.SqliteExtendedErrorCode == SqliteNotNullViolation)
                {
                    throw overflow(rows[i], refused);
                }
            }
            throw;
        }
    }

    private const int SqliteNotNullViolation = 1299; // SQLITE_CONSTRAINT_NOTNULL

    /// <summary>The account-level sums that are guarded, by column, with the names the overflow message uses.</summary>
    private static readonly (string Column, string Part)[] Sums =
    [
        ("total", TotalsDelta.TotalPart), ("active_seconds", TotalsDelta.ActiveSecondsPart), ("entry_count", TotalsDelta.EntryCountPart),
    ];

    // A new row is inserted with the delta, an existing one adds it (excluded.x is the delta).
    private const string UpsertTotalsHead = "INSERT INTO account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen)";

    private static readonly string UpsertTotalsTail =
        "ON CONFLICT (scheme, account) DO UPDATE SET " +
        string.Join(", ", Sums.Select(s => $"{s.Column} = {GuardedSum(s.Column, $"excluded.{s.Column}")}")) +
        ", first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen)";

    private const string UpsertKindHead = "INSERT INTO kind_totals(scheme, account, kind, amount)";

    private static readonly string UpsertKindTail = $"ON CONFLICT (scheme, account, kind) DO UPDATE SET amount = {GuardedSum("amount", "excluded.amount")}";

    // Both bounds are computed without overflow for the sign tested; the minimum is written as -max - 1 because
    // the literal 9223372036854775808 would be read as a floating-point number.
    private static string GuardedSum(string column, string delta) =>
        $"CASE WHEN {delta} > 0 AND {column} > 9223372036854775807 - {delta} THEN NULL " +
        $"WHEN {delta} < 0 AND {column} < (-9223372036854775807 - 1) - {delta} THEN NULL " +
        $"ELSE {column} + {delta} END";

    // SQLite names the refused column: "NOT NULL constraint failed: account_totals.<column>"; a kind part's column is
    // kind_totals.amount, named by the caller.
    private static string? OverflowingPart(string message)
    {
        string column = Regex.Match(message, @"account_totals\.(\w+)").Groups[1].Value;
        return Sums.FirstOrDefault(s => s.Column == column).Part;
    }
}
