using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// Writes one batch inside the caller's write transaction: statements prepared once per batch on the native handle
/// (<see cref="SqliteStatement"/>), report keys and entries 32 rows per statement (<see cref="SqliteRowsInsert"/>),
/// totals added in SQL. Profiled on the 2-core machine, the earlier design (rows shipped as JSON and unpacked by
/// <c>json_each</c>) spent a third of its time re-parsing JSON text; this one spends it in SQLite's B-trees.
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
        // meets the first one's row. Every report reserves sequence numbers for its entries before the insert
        // says whether it is new; a duplicate leaves its numbers unused (a gap, which readers allow).
        var candidates = new List<(LedgerReport Report, long FirstSeq)>(batch.Reports.Count);
        foreach (var report in batch.Reports)
        {
            candidates.Add((report, nextSeq));
            nextSeq += report.Postings.Count;
        }
        var inserted = new HashSet<long>(candidates.Count);
        using (var insert = new SqliteRowsInsert(connection, "INSERT INTO reports(scheme, report_id, first_seq, entry_count)", 4,
            "ON CONFLICT DO NOTHING RETURNING first_seq"))
        {
            insert.Run(candidates, static (statement, at, candidate) =>
            {
                statement.Bind(at + 1, candidate.Report.Scheme);
                statement.Bind(at + 2, candidate.Report.ReportId);
                statement.Bind(at + 3, candidate.FirstSeq);
                statement.Bind(at + 4, candidate.Report.Postings.Count);
            }, returned: statement => inserted.Add(statement.GetInt64(0)));
        }
        if (inserted.Count == 0)
            return new AppendResult(0, batch.Reports.Count, 0);

        var rows = new List<EntryRow>(batch.Reports.Count);
        foreach (var (report, firstSeq) in candidates)
        {
            if (!inserted.Contains(firstSeq)) continue;
            long seq = firstSeq;
            foreach (var posting in report.Postings)
                rows.Add(new EntryRow(seq++, report, posting));
        }
        InsertEntries(connection, rows, recordedTicks);
        var totals = new BatchTotals();
        foreach (var row in rows)
            totals.Add(row.Posting, row.Report.ReportTime.UtcTicks);
        UpdateAccountTotals(connection, totals.Accounts);
        return new AppendResult(inserted.Count, batch.Reports.Count - inserted.Count, rows.Count);
    }

    /// <summary>One entry to write: its sequence number, its report and its posting.</summary>
    private readonly record struct EntryRow(long Seq, LedgerReport Report, LedgerPosting Posting);

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
            var (seq, report, posting) = row;
            statement.Bind(at + 1, seq);
            statement.Bind(at + 2, report.Scheme);
            statement.Bind(at + 3, report.ReportId);
            statement.Bind(at + 4, posting.Account);
            statement.Bind(at + 5, posting.Peer);
            statement.Bind(at + 6, (int)posting.Kind);
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
