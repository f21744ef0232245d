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
        insert.Run(keys, static (statement, at, key) =>
        {
            statement.Bind(at + 1, key.Scheme);
            statement.Bind(at + 2, key.Producer);
            statement.Bind(at + 3, key.ReportId);
            statement.Bind(at + 4, key.ContentHash);
        });
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
    /// first: an UPDATE that adds in SQL, and an INSERT when the row is new. SQLite's own integer addition would silently
    /// turn an overflow into a floating-point value, so each sum is guarded in exact 64-bit arithmetic and yields NULL
    /// instead, which the NOT NULL columns refuse: the statement fails and the caller rolls the call back. Deltas wider
    /// than 64 bits go in as <see cref="TotalsDelta.Steps()"/>.
    /// </summary>
    private static void UpdateTotals(SqliteConnection connection, Dictionary<(string Scheme, string Account), TotalsDelta> deltas, List<EntryRow> rows)
    {
        // Kind names to numbers, from the rows just written (every kind of the deltas is among them).
        var kindRefs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
            kindRefs.TryAdd(row.Posting.Kind, row.KindRef);

        using var update = new SqliteStatement(connection, UpdateTotalsSql);
        using var insert = new SqliteStatement(connection, InsertTotalsSql);
        using var updateKind = new SqliteStatement(connection, UpdateKindSql);
        using var insertKind = new SqliteStatement(connection, InsertKindSql);
        foreach (var ((scheme, account), delta) in deltas)
        {
            string part = TotalsDelta.TotalPart;
            try
            {
                foreach (var step in delta.Steps())
                    if (BindTotals(update, scheme, account, step).Execute() == 0)
                        BindTotals(insert, scheme, account, step).Execute();
                // Kinds in ordinal order, as every store checks them: the same part is named when several overflow.
                foreach (var (kind, amount) in delta.Kinds.Count == 1 ? delta.Kinds : [.. delta.Kinds.OrderBy(k => k.Kind, StringComparer.Ordinal)])
                {
                    part = TotalsDelta.KindPart(kind);
                    foreach (long step in TotalsDelta.Steps(amount))
                        if (BindKind(updateKind, scheme, account, kindRefs[kind], step).Execute() == 0)
                            BindKind(insertKind, scheme, account, kindRefs[kind], step).Execute();
                }
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteNotNullViolation)
            {
                throw BatchTotals.Overflow(scheme, account, OverflowingPart(e.Message) ?? part);
            }
        }
    }

    private static SqliteStatement BindTotals(SqliteStatement statement, string scheme, string account, in TotalsRow row)
    {
        statement.Bind(1, scheme);
        statement.Bind(2, account);
        statement.Bind(3, row.Total);
        statement.Bind(4, row.ActiveSeconds);
        statement.Bind(5, row.EntryCount);
        statement.Bind(6, row.FirstSeen);
        statement.Bind(7, row.LastSeen);
        return statement;
    }

    private static SqliteStatement BindKind(SqliteStatement statement, string scheme, string account, long kindRef, long amount)
    {
        statement.Bind(1, scheme);
        statement.Bind(2, account);
        statement.Bind(3, kindRef);
        statement.Bind(4, amount);
        return statement;
    }

    private const int SqliteNotNullViolation = 1299; // SQLITE_CONSTRAINT_NOTNULL

    /// <summary>The account-level sums that are guarded, by column and parameter, with the names the overflow message uses.</summary>
    private static readonly (string Column, int Parameter, string Part)[] Sums =
    [
        ("total", 3, TotalsDelta.TotalPart), ("active_seconds", 4, TotalsDelta.ActiveSecondsPart), ("entry_count", 5, TotalsDelta.EntryCountPart),
    ];

    private static readonly string UpdateTotalsSql =
        "UPDATE account_totals SET " +
        string.Join(", ", Sums.Select(s => $"{s.Column} = {GuardedSum(s.Column, $"?{s.Parameter}")}")) +
        ", first_seen = min(first_seen, ?6), last_seen = max(last_seen, ?7) WHERE scheme = ?1 AND account = ?2;";

    private const string InsertTotalsSql =
        "INSERT INTO account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);";

    private static readonly string UpdateKindSql =
        $"UPDATE kind_totals SET amount = {GuardedSum("amount", "?4")} WHERE scheme = ?1 AND account = ?2 AND kind = ?3;";

    private const string InsertKindSql = "INSERT INTO kind_totals(scheme, account, kind, amount) VALUES (?1, ?2, ?3, ?4);";

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
