using Microsoft.Data.Sqlite;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>
/// Builds a ledger file as the library wrote it before schema version 3: the version 1 and 2 migration texts as they
/// shipped (copied from git history, commit db598b8), and rows as the version 2 writer stored them (integer kinds,
/// reports with first_seq/entry_count, per-account totals with fixed parts, sequence gaps left by duplicates), holding
/// <see cref="LegacyLedger.Entries"/>.
/// </summary>
internal static class SqliteLegacyLedger
{
    /// <summary>Schema version 1 as shipped.</summary>
    private const string Version1 =
        """
            -- Idempotency: one row per (scheme, report id) ever appended, and where its entries are.
            CREATE TABLE reports(
                scheme      TEXT    NOT NULL,
                report_id   TEXT    NOT NULL,
                first_seq   INTEGER NOT NULL,
                entry_count INTEGER NOT NULL,
                PRIMARY KEY (scheme, report_id)) WITHOUT ROWID;

            -- Rule-set versions, so entries carry a small number instead of two strings.
            CREATE TABLE rule_sets(
                ref           INTEGER PRIMARY KEY,
                rule_set_id   TEXT NOT NULL,
                rule_set_hash TEXT NOT NULL,
                UNIQUE (rule_set_id, rule_set_hash));

            -- The append-only history. Times are UTC ticks; amounts are micro-points.
            CREATE TABLE entries(
                seq            INTEGER PRIMARY KEY,
                scheme         TEXT    NOT NULL,
                report_id      TEXT    NOT NULL,
                account        TEXT    NOT NULL,
                peer           TEXT    NOT NULL,
                kind           INTEGER NOT NULL,
                amount         INTEGER NOT NULL,
                active_seconds INTEGER NOT NULL,
                report_time    INTEGER NOT NULL,
                recorded_time  INTEGER NOT NULL,
                rule_set_ref   INTEGER NOT NULL REFERENCES rule_sets(ref),
                reason         TEXT,
                operator       TEXT);
            CREATE INDEX entries_by_time ON entries(report_time);
            CREATE INDEX entries_by_account ON entries(account, report_time);

            -- History is never edited: a correction is a new slash or adjustment entry.
            CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries
                BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
            CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries
                BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
            CREATE TRIGGER reports_append_only_update BEFORE UPDATE ON reports
                BEGIN SELECT RAISE(ABORT, 'ledger reports are append-only'); END;
            CREATE TRIGGER reports_append_only_delete BEFORE DELETE ON reports
                BEGIN SELECT RAISE(ABORT, 'ledger reports are append-only'); END;

            -- Running totals per account, updated in the transaction that appends the entries they sum. Per-peer
            -- totals are a drill-down into one account and are summed from its entries (entries_by_account) on demand:
            -- keeping them running would cost a third of the append time.
            CREATE TABLE account_totals(
                account        TEXT    NOT NULL PRIMARY KEY,
                total          INTEGER NOT NULL,
                compute        INTEGER NOT NULL,
                presence       INTEGER NOT NULL,
                jobs           INTEGER NOT NULL,
                boosts         INTEGER NOT NULL,
                adjustments    INTEGER NOT NULL,
                active_seconds INTEGER NOT NULL,
                entry_count    INTEGER NOT NULL,
                first_seen     INTEGER NOT NULL,
                last_seen      INTEGER NOT NULL) WITHOUT ROWID;
            -- The leaderboard order, so top-N is an index walk (dropped again in version 2).
            CREATE INDEX account_totals_by_rank ON account_totals(total DESC, first_seen, account);


        """;

    /// <summary>Schema version 2 as shipped.</summary>
    private const string Version2 =
        """
            DROP INDEX IF EXISTS account_totals_by_rank;

        """;

    /// <summary>Creates <paramref name="path"/> at schema <paramref name="version"/> (1 or 2) holding the fixture's reports.</summary>
    public static void Create(string path, int version)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "CREATE TABLE schema_version(version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
        Execute(connection, Version1);
        Execute(connection, "INSERT INTO schema_version(version, applied_at) VALUES (1, 0);");
        if (version >= 2)
        {
            Execute(connection, Version2);
            Execute(connection, "INSERT INTO schema_version(version, applied_at) VALUES (2, 0);");
        }
        Execute(connection, "INSERT INTO rule_sets(ref, rule_set_id, rule_set_hash) VALUES (1, 'swarm-default', 'sha256:1'), " +
            "(2, 'jobs-image', 'sha256:2'), (3, 'jobs-boost', 'sha256:3'), (4, '', '');");
        foreach (var e in LegacyLedger.Entries)
        {
            Execute(connection,
                "INSERT INTO entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, rule_set_ref, reason, operator) " +
                "VALUES ($seq, $scheme, $report, $account, $peer, $kind, $amount, $seconds, $time, $time, $ruleSet, $reason, $operator);",
                ("$seq", e.Seq), ("$scheme", e.Scheme), ("$report", e.Report), ("$account", e.Account), ("$peer", e.Peer), ("$kind", e.Kind),
                ("$amount", e.Amount), ("$seconds", e.Seconds), ("$time", LegacyLedger.T0.AddMinutes(e.Minute).UtcTicks), ("$ruleSet", e.RuleSet),
                ("$reason", (object?)e.Reason ?? DBNull.Value), ("$operator", (object?)e.Operator ?? DBNull.Value));
        }
        foreach (var report in LegacyLedger.Entries.GroupBy(e => (e.Scheme, e.Report)))
            Execute(connection, "INSERT INTO reports(scheme, report_id, first_seq, entry_count) VALUES ($scheme, $report, $first, $count);",
                ("$scheme", report.Key.Scheme), ("$report", report.Key.Report), ("$first", report.Min(e => e.Seq)), ("$count", report.Count()));
        foreach (var account in LegacyLedger.Entries.GroupBy(e => e.Account))
        {
            long Sum(Func<int, bool> kind) => account.Where(e => kind(e.Kind)).Sum(e => e.Amount);
            var activity = account.Where(e => e.Kind < 4).Select(e => LegacyLedger.T0.AddMinutes(e.Minute).UtcTicks).ToList();
            Execute(connection,
                "INSERT INTO account_totals(account, total, compute, presence, jobs, boosts, adjustments, active_seconds, entry_count, first_seen, last_seen) " +
                "VALUES ($account, $total, $compute, $presence, $jobs, $boosts, $adjustments, $seconds, $count, $first, $last);",
                ("$account", account.Key), ("$total", Sum(_ => true)), ("$compute", Sum(k => k == 0)), ("$presence", Sum(k => k == 1)),
                ("$jobs", Sum(k => k == 2)), ("$boosts", Sum(k => k == 3)), ("$adjustments", Sum(k => k >= 4)),
                ("$seconds", account.Sum(e => e.Seconds)), ("$count", (long)account.Count()),
                ("$first", activity.Count == 0 ? long.MaxValue : activity.Min()), ("$last", activity.Count == 0 ? long.MinValue : activity.Max()));
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
