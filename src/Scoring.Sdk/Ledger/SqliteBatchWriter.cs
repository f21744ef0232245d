using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// Writes one batch inside the caller's write transaction: each table's statement is prepared once per batch and
/// stepped once per row on the native handle (<see cref="SqliteStatement"/>). Measured on the 2-core machine this
/// is twice as fast as shipping the rows as JSON through <c>json_each</c> (whose text re-parsing was a third of the
/// time) and four times as fast as one ADO.NET command per row.
/// </summary>
internal static class SqliteBatchWriter
{

    private const string TotalsColumns = SqliteLedgerStore.TotalsColumns;

    public static AppendResult Append(SqliteConnection connection, LedgerBatch batch, long recordedTicks)
    {
        long nextSeq;
        using (var last = new SqliteStatement(connection, "SELECT COALESCE(MAX(seq), 0) + 1 FROM entries;"))
        {
            last.Read();
            nextSeq = last.GetInt64(0);
            last.Reset();
        }

        // The reports table decides what is new, duplicates inside the batch included: the second copy of an id
        // meets the first one's row. Sequence numbers go to new reports only, so duplicates leave no gap.
        var fresh = new List<LedgerReport>(batch.Reports.Count);
        var rows = new List<EntryRow>(batch.Reports.Count);
        using (var insert = new SqliteStatement(connection,
            "INSERT INTO reports(scheme, report_id, first_seq, entry_count) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING;"))
        {
            foreach (var report in batch.Reports)
            {
                insert.Bind(1, report.Scheme);
                insert.Bind(2, report.ReportId);
                insert.Bind(3, nextSeq);
                insert.Bind(4, report.Postings.Count);
                if (insert.Execute() == 0) continue;
                fresh.Add(report);
                foreach (var posting in report.Postings)
                    rows.Add(new EntryRow(nextSeq++, report, posting));
            }
        }
        if (fresh.Count == 0)
            return new AppendResult(0, batch.Reports.Count, 0);

        var ruleSets = RuleSetRefs(connection, fresh);
        InsertEntries(connection, rows, ruleSets, recordedTicks);
        var totals = new BatchTotals();
        foreach (var row in rows)
            totals.Add(row.Posting, row.Report.ReportTime.UtcTicks);
        UpdateAccountTotals(connection, totals.Accounts);
        return new AppendResult(fresh.Count, batch.Reports.Count - fresh.Count, rows.Count);
    }

    /// <summary>One entry to write: its sequence number, its report and its posting.</summary>
    private readonly record struct EntryRow(long Seq, LedgerReport Report, LedgerPosting Posting);

    private const int EntryColumns = 13;

    /// <summary>Rows per INSERT: one statement step per 32 entries instead of per entry (416 of SQLite's 32,766 parameters).</summary>
    private const int EntriesPerStatement = 32;

    private static void InsertEntries(
        SqliteConnection connection, List<EntryRow> rows, Dictionary<(string, string), long> ruleSets, long recordedTicks)
    {
        SqliteStatement? full = null;
        (LedgerReport? Report, long Ref) last = default;
        try
        {
            for (int start = 0; start < rows.Count; start += EntriesPerStatement)
            {
                int count = Math.Min(EntriesPerStatement, rows.Count - start);
                // The full-size statement is reused; the last, shorter chunk gets its own.
                using var tail = count < EntriesPerStatement ? new SqliteStatement(connection, InsertEntriesSql(count)) : null;
                var insert = tail ?? (full ??= new SqliteStatement(connection, InsertFullChunkSql));
                for (int i = 0; i < count; i++)
                {
                    var (seq, report, posting) = rows[start + i];
                    int at = i * EntryColumns;
                    insert.Bind(at + 1, seq);
                    insert.Bind(at + 2, report.Scheme);
                    insert.Bind(at + 3, report.ReportId);
                    insert.Bind(at + 4, posting.Account);
                    insert.Bind(at + 5, posting.Peer);
                    insert.Bind(at + 6, (int)posting.Kind);
                    insert.Bind(at + 7, posting.Amount.Units);
                    insert.Bind(at + 8, posting.ActiveSeconds);
                    insert.Bind(at + 9, report.ReportTime.UtcTicks);
                    insert.Bind(at + 10, RuleSetRef(ruleSets, report, ref last));
                    insert.Bind(at + 11, posting.Reason);
                    insert.Bind(at + 12, posting.Operator);
                    insert.Bind(at + 13, recordedTicks);
                }
                insert.Execute();
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    // Consecutive entries mostly share a report, and reports mostly share a rule set: skip hashing two strings per entry.
    private static long RuleSetRef(Dictionary<(string, string), long> ruleSets, LedgerReport report, ref (LedgerReport? Report, long Ref) last)
    {
        if (last.Report is { } previous &&
            (ReferenceEquals(previous, report) ||
             (ReferenceEquals(previous.RuleSetId, report.RuleSetId) && ReferenceEquals(previous.RuleSetHash, report.RuleSetHash))))
            return last.Ref;
        last = (report, ruleSets[(report.RuleSetId, report.RuleSetHash)]);
        return last.Ref;
    }

    private static readonly string InsertFullChunkSql = InsertEntriesSql(EntriesPerStatement);

    private static string InsertEntriesSql(int rows) =>
        "INSERT INTO entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, rule_set_ref, " +
        "reason, operator, recorded_time) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(r * EntryColumns + 1, EntryColumns).Select(p => $"?{p}")) + ")")) + ";";

    private static Dictionary<(string, string), long> RuleSetRefs(SqliteConnection connection, List<LedgerReport> reports)
    {
        var refs = new Dictionary<(string, string), long>();
        using var insert = new SqliteStatement(connection, "INSERT INTO rule_sets(rule_set_id, rule_set_hash) VALUES (?1, ?2) ON CONFLICT DO NOTHING;");
        using var select = new SqliteStatement(connection, "SELECT ref FROM rule_sets WHERE rule_set_id = ?1 AND rule_set_hash = ?2;");
        foreach (var report in reports)
        {
            var key = (report.RuleSetId, report.RuleSetHash);
            if (refs.ContainsKey(key)) continue;
            insert.Bind(1, report.RuleSetId);
            insert.Bind(2, report.RuleSetHash);
            insert.Execute();
            select.Bind(1, report.RuleSetId);
            select.Bind(2, report.RuleSetHash);
            select.Read();
            refs[key] = select.GetInt64(0);
            select.Reset();
        }
        return refs;
    }

    /// <summary>
    /// Adds each account's delta to its stored totals without reading the row first: an UPDATE that adds in SQL,
    /// and an INSERT when the account is new. SQLite's own integer addition would silently turn an overflow into
    /// a floating-point value, so each sum is guarded in exact 64-bit arithmetic and yields NULL instead, which the
    /// NOT NULL columns refuse: the statement fails and the caller rolls the whole batch back. Deltas wider than
    /// 64 bits go in as <see cref="TotalsDelta.Steps"/>.
    /// </summary>
    private static void UpdateAccountTotals(SqliteConnection connection, Dictionary<string, TotalsDelta> deltas)
    {
        using var update = new SqliteStatement(connection, UpdateTotalsSql);
        using var insert = new SqliteStatement(connection, InsertTotalsSql);
        foreach (var (account, delta) in deltas)
        {
            foreach (var step in delta.Steps())
            {
                try
                {
                    if (BindTotals(update, account, step).Execute() == 0)
                        BindTotals(insert, account, step).Execute();
                }
                catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteNotNullViolation)
                {
                    throw BatchTotals.Overflow(account, OverflowingPart(e.Message));
                }
            }
        }
    }

    private static SqliteStatement BindTotals(SqliteStatement statement, string account, in TotalsRow row)
    {
        statement.Bind(1, account);
        statement.Bind(2, row.Total);
        statement.Bind(3, row.Compute);
        statement.Bind(4, row.Presence);
        statement.Bind(5, row.Jobs);
        statement.Bind(6, row.Boosts);
        statement.Bind(7, row.Adjustments);
        statement.Bind(8, row.ActiveSeconds);
        statement.Bind(9, row.EntryCount);
        statement.Bind(10, row.FirstSeen);
        statement.Bind(11, row.LastSeen);
        return statement;
    }

    private const int SqliteNotNullViolation = 1299; // SQLITE_CONSTRAINT_NOTNULL

    /// <summary>The sums that are guarded, by column and parameter, with the names the overflow message uses.</summary>
    private static readonly (string Column, int Parameter, string Part)[] Sums =
    [
        ("total", 2, "total"), ("compute", 3, "compute"), ("presence", 4, "presence"), ("jobs", 5, "jobs"), ("boosts", 6, "boosts"),
        ("adjustments", 7, "slashes/adjustments"), ("active_seconds", 8, "active seconds"), ("entry_count", 9, "entry count"),
    ];

    private static readonly string UpdateTotalsSql =
        "UPDATE account_totals SET " +
        string.Join(", ", Sums.Select(s => $"{s.Column} = {GuardedSum(s.Column, $"?{s.Parameter}")}")) +
        ", first_seen = min(first_seen, ?10), last_seen = max(last_seen, ?11) WHERE account = ?1;";

    private static readonly string InsertTotalsSql =
        $"INSERT INTO account_totals(account, {TotalsColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);";

    // Both bounds are computed without overflow for the sign tested; the minimum is written as -max - 1 because
    // the literal 9223372036854775808 would be read as a floating-point number.
    private static string GuardedSum(string column, string delta) =>
        $"CASE WHEN {delta} > 0 AND {column} > 9223372036854775807 - {delta} THEN NULL " +
        $"WHEN {delta} < 0 AND {column} < (-9223372036854775807 - 1) - {delta} THEN NULL " +
        $"ELSE {column} + {delta} END";

    // SQLite names the refused column: "NOT NULL constraint failed: account_totals.<column>".
    private static string OverflowingPart(string message)
    {
        string column = Regex.Match(message, @"account_totals\.(\w+)").Groups[1].Value;
        return Sums.FirstOrDefault(s => s.Column == column).Part ?? "totals";
    }
}
