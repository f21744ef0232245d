using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// Writes report keys and entries inside the caller's write transaction: statements prepared once per call on the
/// native handle (<see cref="SqliteStatement"/>), keys and entries 32 rows per statement (<see cref="SqliteRowsInsert"/>),
/// totals added in SQL. Profiled on the 2-core machine, the earlier design (rows shipped as JSON and unpacked by
/// <c>json_each</c>) spent a third of its time re-parsing JSON text; this one spends it in SQLite's B-trees.
/// </summary>
internal static class SqliteBatchWriter
{
    /// <summary>Inserts report keys known to be new (classified under this transaction's write lock).</summary>
    public static void InsertKeys(SqliteConnection connection, IReadOnlyList<ReportKey> keys)
    {
        using var insert = new SqliteRowsInsert(connection, "INSERT INTO reports(scheme, producer, report_id, content_hash)", 4);
        insert.Run(keys, BindKey);
    }

    /// <summary>
    /// Records the keys that are new in one pass where it can: each 32-key chunk is inserted (<c>ON CONFLICT DO
    /// NOTHING</c>) inside a savepoint, and a chunk that inserted every key is done — classified and recorded in one
    /// B-tree descent per key. A chunk that met a known key is rolled back to its savepoint and handed to
    /// <paramref name="classifyAndRecord"/> instead, which sees the keys of the earlier chunks as recorded (as the
    /// classification of a list must). Returns each key's status (New for the keys recorded here).
    /// </summary>
    public static ReportKeyStatus[] InsertNewKeys(
        SqliteConnection connection, IReadOnlyList<ReportKey> keys, Func<IReadOnlyList<ReportKey>, ReportKeyStatus[]> classifyAndRecord)
    {
        var statuses = new ReportKeyStatus[keys.Count];
        using var savepoint = new SqliteStatement(connection, "SAVEPOINT ledger_chunk;");
        using var release = new SqliteStatement(connection, "RELEASE ledger_chunk;");
        using var rollback = new SqliteStatement(connection, "ROLLBACK TO ledger_chunk;");
        using var insert = new SqliteRowsInsert(connection, "INSERT INTO reports(scheme, producer, report_id, content_hash)", 4, "ON CONFLICT DO NOTHING");
        for (int start = 0; start < keys.Count; start += SqliteRowsInsert.RowsPerStatement)
        {
            int count = Math.Min(SqliteRowsInsert.RowsPerStatement, keys.Count - start);
            savepoint.Execute();
            if (insert.RunChunk(keys, start, count, BindKey) == count)
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

    private static void BindKey(SqliteStatement statement, int at, ReportKey key)
    {
        statement.Bind(at + 1, key.Scheme);
        statement.Bind(at + 2, key.Producer);
        statement.Bind(at + 3, key.ReportId);
        statement.Bind(at + 4, key.ContentHash);
    }

    /// <summary>
    /// Appends one entry per posting of each report, sequence numbers in order, and adds them to the running totals.
    /// <paramref name="kindRef"/> gives a kind name's number (creating it on first use).
    /// </summary>
    public static int AppendEntries(SqliteConnection connection, IReadOnlyList<LedgerReport> reports, long recordedTicks, Func<string, long> kindRef)
    {
        long seq;
        using (var last = new SqliteStatement(connection, "SELECT COALESCE(MAX(seq), 0) + 1 FROM entries;"))
        {
            last.Read();
            seq = last.GetInt64(0);
            last.Reset();
        }

        var rows = new List<EntryRow>(reports.Count);
        var totals = new BatchTotals();
        (string? Name, long Ref) lastKind = default;
        foreach (var report in reports)
        {
            long reportTicks = report.ReportTime.UtcTicks;
            foreach (var posting in report.Postings)
            {
                // Consecutive postings mostly share a kind (often the same string instance): reuse the previous answer.
                if (!ReferenceEquals(lastKind.Name, posting.Kind) && lastKind.Name != posting.Kind)
                    lastKind = (posting.Kind, kindRef(posting.Kind));
                rows.Add(new EntryRow(seq++, report, posting, lastKind.Ref));
                totals.Add(report.Scheme, posting, reportTicks);
            }
        }
        InsertEntries(connection, rows, recordedTicks);
        UpdateTotals(connection, totals.Accounts, rows);
        return rows.Count;
    }

    /// <summary>One entry to write: its sequence number, its report, its posting and the posting kind's number.</summary>
    private readonly record struct EntryRow(long Seq, LedgerReport Report, LedgerPosting Posting, long KindRef);

    private static void InsertEntries(SqliteConnection connection, List<EntryRow> rows, long recordedTicks)
    {
        // Entries carry a small rule-set number. Consecutive entries mostly share a report, and reports a rule set:
        // the previous answer is reused without hashing two strings; a new pair is recorded on first sight.
        var refs = new Dictionary<(string, string), long>();
        using var addRuleSet = new SqliteStatement(connection, "INSERT INTO rule_sets(rule_set_id, rule_set_hash) VALUES (?1, ?2) ON CONFLICT DO NOTHING;");
        using var findRuleSet = new SqliteStatement(connection, "SELECT ref FROM rule_sets WHERE rule_set_id = ?1 AND rule_set_hash = ?2;");
        (LedgerReport? Report, long Ref) last = default;
        long RuleSetRef(LedgerReport report)
        {
            if (last.Report is { } previous && (ReferenceEquals(previous, report) ||
                (ReferenceEquals(previous.RuleSetId, report.RuleSetId) && ReferenceEquals(previous.RuleSetHash, report.RuleSetHash))))
                return last.Ref;
            var key = (report.RuleSetId, report.RuleSetHash);
            if (!refs.TryGetValue(key, out long found))
            {
                addRuleSet.Bind(1, report.RuleSetId);
                addRuleSet.Bind(2, report.RuleSetHash);
                addRuleSet.Execute();
                findRuleSet.Bind(1, report.RuleSetId);
                findRuleSet.Bind(2, report.RuleSetHash);
                findRuleSet.Read();
                refs[key] = found = findRuleSet.GetInt64(0);
                findRuleSet.Reset();
            }
            last = (report, found);
            return found;
        }

        using var insert = new SqliteRowsInsert(connection,
            "INSERT INTO entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, rule_set_ref, " +
            "reason, operator, recorded_time)", 13);
        insert.Run(rows, (statement, at, row) =>
        {
            var (seq, report, posting, kindRef) = row;
            statement.Bind(at + 1, seq);
            statement.Bind(at + 2, report.Scheme);
            statement.Bind(at + 3, report.ReportId);
            statement.Bind(at + 4, posting.Account);
            statement.Bind(at + 5, posting.Peer);
            statement.Bind(at + 6, kindRef);
            statement.Bind(at + 7, posting.Amount.Units);
            statement.Bind(at + 8, posting.ActiveSeconds);
            statement.Bind(at + 9, report.ReportTime.UtcTicks);
            statement.Bind(at + 10, RuleSetRef(report));
            statement.Bind(at + 11, posting.Reason);
            statement.Bind(at + 12, posting.Operator);
            statement.Bind(at + 13, recordedTicks);
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
    private static void UpdateTotals(SqliteConnection connection, Dictionary<(string Scheme, string Account), TotalsDelta> deltas, List<EntryRow> rows)
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
        Upsert(connection, UpsertTotalsHead, 7, UpsertTotalsTail, totals, static (statement, at, step) =>
        {
            statement.Bind(at + 1, step.Scheme);
            statement.Bind(at + 2, step.Account);
            statement.Bind(at + 3, step.Row.Total);
            statement.Bind(at + 4, step.Row.ActiveSeconds);
            statement.Bind(at + 5, step.Row.EntryCount);
            statement.Bind(at + 6, step.Row.FirstSeen);
            statement.Bind(at + 7, step.Row.LastSeen);
        }, (step, e) => BatchTotals.Overflow(step.Scheme, step.Account, OverflowingPart(e.Message) ?? TotalsDelta.TotalPart));
        Upsert(connection, UpsertKindHead, 4, UpsertKindTail, kinds, static (statement, at, step) =>
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
    private static void Upsert<T>(SqliteConnection connection, string head, int columns, string tail, List<T> rows,
        Action<SqliteStatement, int, T> bind, Func<T, SqliteException, LedgerOverflowException> overflow)
    {
        using var upsert = new SqliteRowsInsert(connection, head, columns, tail);
        try
        {
            upsert.Run(rows, bind);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteNotNullViolation)
        {
            var (start, count) = upsert.Chunk;
            using var single = new SqliteRowsInsert(connection, head, columns, tail);
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
