using Microsoft.Data.Sqlite;
using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>
/// Builds a ledger file as the library wrote it before schema version 4: the version 1 and 2 migration texts as they
/// shipped (copied from git history, commit db598b8), and rows as the version 2 writer stored them (integer kinds,
/// reports with first_seq/entry_count, per-account totals with fixed parts, sequence gaps left by duplicates), holding
/// <see cref="LegacyLedger.Entries"/>; at version 3, the version 3 migration text as it shipped (commit 4941c85) applied
/// to them, and <see cref="AddVersion3Report"/> writes rows as the version 3 writer stored them.
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

    /// <summary>Schema version 3 as shipped.</summary>
    private const string Version3 =
        """
            -- Posting kinds by name; entries.kind is a ref. The first six are the kinds of versions 1 and 2, with their
            -- old numbers, so existing entries stay valid; a new kind gets the next ref on first use.
            CREATE TABLE kinds(
                ref  INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE);
            INSERT INTO kinds(ref, name) VALUES (0, 'compute'), (1, 'presence'), (2, 'job'), (3, 'boost'), (4, 'slash'), (5, 'adjustment');

            -- Idempotency keys, now per producer, with the report's content hash (NULL: unknown). Entries of a report may be
            -- written in a later transaction than its key, so the key no longer says where they are (first_seq goes).
            -- A migrated key's producer is the peer of its report's first entry, or '' for boosts, slashes and adjustments
            -- (made by the scheme or an operator); its hash is unknown, so a re-send counts as a duplicate, never a conflict.
            -- The key is unique per (scheme, producer, report id) but ordered with the report id before the producer: ids
            -- that grow (job-0001, job-0002 …) then land at the B-tree's right edge instead of in one region per producer,
            -- which more than halved the cost of recording a job's key.
            CREATE TABLE reports_v3(
                scheme       TEXT    NOT NULL,
                producer     TEXT    NOT NULL,
                report_id    TEXT    NOT NULL,
                content_hash INTEGER,
                PRIMARY KEY (scheme, report_id, producer)) WITHOUT ROWID;
            INSERT INTO reports_v3(scheme, producer, report_id, content_hash)
                SELECT r.scheme, CASE WHEN e.kind IN (3, 4, 5) THEN '' ELSE COALESCE(e.peer, '') END, r.report_id, NULL
                FROM reports r LEFT JOIN entries e ON e.seq = r.first_seq;
            DROP TABLE reports;
            ALTER TABLE reports_v3 RENAME TO reports;
            CREATE TRIGGER reports_append_only_update BEFORE UPDATE ON reports
                BEGIN SELECT RAISE(ABORT, 'ledger reports are append-only'); END;
            CREATE TRIGGER reports_append_only_delete BEFORE DELETE ON reports
                BEGIN SELECT RAISE(ABORT, 'ledger reports are append-only'); END;

            -- Running totals per ledger scheme (a point currency) and account, and per kind, rebuilt from the entries.
            -- Slashes (4) and adjustments (5) are not activity: they do not move first or last seen.
            DROP TABLE account_totals;
            CREATE TABLE account_totals(
                scheme         TEXT    NOT NULL,
                account        TEXT    NOT NULL,
                total          INTEGER NOT NULL,
                active_seconds INTEGER NOT NULL,
                entry_count    INTEGER NOT NULL,
                first_seen     INTEGER NOT NULL,
                last_seen      INTEGER NOT NULL,
                PRIMARY KEY (scheme, account)) WITHOUT ROWID;
            INSERT INTO account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen)
                SELECT scheme, account, SUM(amount), SUM(active_seconds), COUNT(*),
                       COALESCE(MIN(CASE WHEN kind NOT IN (4, 5) THEN report_time END), 9223372036854775807),
                       COALESCE(MAX(CASE WHEN kind NOT IN (4, 5) THEN report_time END), -9223372036854775807 - 1)
                FROM entries GROUP BY scheme, account;
            CREATE TABLE kind_totals(
                scheme  TEXT    NOT NULL,
                account TEXT    NOT NULL,
                kind    INTEGER NOT NULL REFERENCES kinds(ref),
                amount  INTEGER NOT NULL,
                PRIMARY KEY (scheme, account, kind)) WITHOUT ROWID;
            INSERT INTO kind_totals(scheme, account, kind, amount)
                SELECT scheme, account, kind, SUM(amount) FROM entries GROUP BY scheme, account, kind;

            -- Durable state of plug-in schemes, written in the same transactions as the entries they produce.
            CREATE TABLE scheme_state(
                scheme TEXT NOT NULL,
                key    TEXT NOT NULL,
                value  BLOB NOT NULL,
                PRIMARY KEY (scheme, key)) WITHOUT ROWID;

        """;

    /// <summary>Creates <paramref name="path"/> at schema <paramref name="version"/> (1, 2 or 3) holding the fixture's reports.</summary>
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
        if (version >= 3)
        {
            Execute(connection, Version3);
            Execute(connection, "INSERT INTO schema_version(version, applied_at) VALUES (3, 0);");
        }
        transaction.Commit();
    }

    /// <summary>
    /// Writes <paramref name="report"/> into a version 3 file as its writer did: its key with the content hash, one
    /// entries row per posting after the last, the running totals and kind parts added, and the rule set and kinds it names.
    /// </summary>
    public static void AddVersion3Report(string path, LedgerReport report)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "INSERT INTO reports(scheme, producer, report_id, content_hash) VALUES ($scheme, $producer, $report, $hash);",
            ("$scheme", report.Scheme), ("$producer", report.Producer), ("$report", report.ReportId), ("$hash", LedgerReports.ContentHash(report)));
        Execute(connection, "INSERT OR IGNORE INTO rule_sets(rule_set_id, rule_set_hash) VALUES ($id, $hash);", ("$id", report.RuleSetId), ("$hash", report.RuleSetHash));
        foreach (var posting in report.Postings)
        {
            Execute(connection, "INSERT OR IGNORE INTO kinds(name) VALUES ($kind);", ("$kind", posting.Kind));
            Execute(connection,
                "INSERT INTO entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, rule_set_ref, reason, operator) " +
                "VALUES ((SELECT MAX(seq) + 1 FROM entries), $scheme, $report, $account, $peer, (SELECT ref FROM kinds WHERE name = $kind), $amount, $seconds, $time, $time, " +
                "(SELECT ref FROM rule_sets WHERE rule_set_id = $ruleSet AND rule_set_hash = $ruleSetHash), $reason, $operator);",
                ("$scheme", report.Scheme), ("$report", report.ReportId), ("$account", posting.Account), ("$peer", posting.Peer), ("$kind", posting.Kind),
                ("$amount", posting.Amount.Units), ("$seconds", posting.ActiveSeconds), ("$time", report.ReportTime.UtcTicks), ("$ruleSet", report.RuleSetId),
                ("$ruleSetHash", report.RuleSetHash), ("$reason", (object?)posting.Reason ?? DBNull.Value), ("$operator", (object?)posting.Operator ?? DBNull.Value));
            Execute(connection,
                "INSERT INTO account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen) VALUES ($scheme, $account, $amount, $seconds, 1, $time, $time) " +
                "ON CONFLICT DO UPDATE SET total = total + excluded.total, active_seconds = active_seconds + excluded.active_seconds, entry_count = entry_count + 1, " +
                "first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);",
                ("$scheme", report.Scheme), ("$account", posting.Account), ("$amount", posting.Amount.Units), ("$seconds", posting.ActiveSeconds), ("$time", report.ReportTime.UtcTicks));
            Execute(connection,
                "INSERT INTO kind_totals(scheme, account, kind, amount) VALUES ($scheme, $account, (SELECT ref FROM kinds WHERE name = $kind), $amount) " +
                "ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;",
                ("$scheme", report.Scheme), ("$account", posting.Account), ("$kind", posting.Kind), ("$amount", posting.Amount.Units));
        }
        transaction.Commit();
    }

    /// <summary>Writes one scheme state value into a version 3 file.</summary>
    public static void AddVersion3State(string path, string scheme, string key, byte[] value)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "INSERT INTO scheme_state(scheme, key, value) VALUES ($scheme, $key, $value);", ("$scheme", scheme), ("$key", key), ("$value", value));
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
