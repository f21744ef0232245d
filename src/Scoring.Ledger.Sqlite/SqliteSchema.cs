using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// The SQLite ledger's schema and its migrations. Each migration runs once, inside the same write transaction
/// that records its version in <c>schema_version</c>, so two processes opening a new file at the same moment
/// cannot both apply it. Append a migration to change the schema; never edit a shipped one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // Version 1.
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

        """,

        // Version 2: no rank index on the running totals. Keeping it in order cost a third of every append (a
        // delete and an insert in a second B-tree per account per batch, and the pages they dirty); a top-N read
        // is now one bounded sort over account_totals instead of an index walk (about 150 ms for a million
        // accounts). See docs/ledger.md, "Why there is no rank index".
        """
        DROP INDEX IF EXISTS account_totals_by_rank;
        """,

        // Version 3: schemes are plug-ins. Kinds are names (entries keep their integer as a ref into kinds), report keys
        // are bound to their producer and carry a content hash, running totals are per (scheme, account) and per
        // (scheme, account, kind), and schemes keep durable state. See docs/ledger.md, "Schema version 3".
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
        """,

        // Version 4: narrow rows, few B-tree inserts per report. Version 3 wrote a swarm report as a key with three text
        // columns and two entries, each repeating the scheme, report id, account, peer and both times, under two
        // indexes: 650 bytes and seven B-tree inserts per report, four of them at random places. See docs/ledger.md,
        // "Schema version 4".
        """
        -- Every scheme, producer, account and peer name once; rows carry its ref.
        CREATE TABLE names(
            ref  INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE);
        INSERT INTO names(name)
            SELECT '' UNION SELECT scheme FROM reports UNION SELECT producer FROM reports
            UNION SELECT scheme FROM entries UNION SELECT account FROM entries UNION SELECT peer FROM entries;

        -- Idempotency keys by ref. An id that starts with its producer's name (a swarm id is {peerId}@{timestamp}) keeps
        -- only the rest, as a BLOB of its UTF-8 bytes; any other id is TEXT. SQLite orders every TEXT before every BLOB,
        -- so the two forms never meet, and each id has exactly one form. Ordered by (scheme, id, producer): ids that grow
        -- (job-0001, job-0002, or @timestamp) append at the B-tree's right edge.
        CREATE TABLE reports_v4(
            scheme       INTEGER NOT NULL,
            report_id    NOT NULL,
            producer     INTEGER NOT NULL,
            content_hash INTEGER,
            PRIMARY KEY (scheme, report_id, producer)) WITHOUT ROWID;
        INSERT INTO reports_v4(scheme, report_id, producer, content_hash)
            SELECT s.ref,
                   CASE WHEN r.producer <> '' AND length(r.report_id) > length(r.producer) AND substr(r.report_id, 1, length(r.producer)) = r.producer
                        THEN CAST(substr(r.report_id, length(r.producer) + 1) AS BLOB) ELSE r.report_id END,
                   p.ref, r.content_hash
            FROM reports r JOIN names s ON s.name = r.scheme JOIN names p ON p.name = r.producer;
        DROP TABLE reports;
        ALTER TABLE reports_v4 RENAME TO reports;

        -- What one report's consecutive entries to one account share: one row and one index entry per report (swarm:
        -- compute and presence), not per entry. Its entries are first_seq .. first_seq + entry_count - 1. The id is
        -- stored as in reports, relative to producer (a migrated group names no producer: its id is whole).
        CREATE TABLE entry_groups(
            first_seq     INTEGER PRIMARY KEY,
            entry_count   INTEGER NOT NULL,
            scheme        INTEGER NOT NULL,
            producer      INTEGER NOT NULL,
            report_id     NOT NULL,
            account       INTEGER NOT NULL,
            report_time   INTEGER NOT NULL,
            recorded_time INTEGER NOT NULL,
            rule_set_ref  INTEGER NOT NULL);
        INSERT INTO entry_groups(first_seq, entry_count, scheme, producer, report_id, account, report_time, recorded_time, rule_set_ref)
            SELECT e.seq, 1, s.ref, (SELECT ref FROM names WHERE name = ''), e.report_id, a.ref, e.report_time, e.recorded_time, e.rule_set_ref
            FROM entries e JOIN names s ON s.name = e.scheme JOIN names a ON a.name = e.account;
        CREATE INDEX entry_groups_by_time ON entry_groups(report_time);
        CREATE INDEX entry_groups_by_account ON entry_groups(account, report_time);

        -- An entry: what its group does not already say.
        CREATE TABLE entries_v4(
            seq            INTEGER PRIMARY KEY,
            peer           INTEGER NOT NULL,
            kind           INTEGER NOT NULL,
            amount         INTEGER NOT NULL,
            active_seconds INTEGER NOT NULL,
            reason         TEXT,
            operator       TEXT);
        INSERT INTO entries_v4(seq, peer, kind, amount, active_seconds, reason, operator)
            SELECT e.seq, p.ref, e.kind, e.amount, e.active_seconds, e.reason, e.operator FROM entries e JOIN names p ON p.name = e.peer;
        DROP TABLE entries;
        ALTER TABLE entries_v4 RENAME TO entries;

        CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries
            BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries
            BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER entry_groups_append_only_update BEFORE UPDATE ON entry_groups
            BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER entry_groups_append_only_delete BEFORE DELETE ON entry_groups
            BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER reports_append_only_update BEFORE UPDATE ON reports
            BEGIN SELECT RAISE(ABORT, 'ledger reports are append-only'); END;
        CREATE TRIGGER reports_append_only_delete BEFORE DELETE ON reports
            BEGIN SELECT RAISE(ABORT, 'ledger reports are append-only'); END;
        CREATE TRIGGER names_append_only_update BEFORE UPDATE ON names
            BEGIN SELECT RAISE(ABORT, 'ledger names are append-only'); END;
        CREATE TRIGGER names_append_only_delete BEFORE DELETE ON names
            BEGIN SELECT RAISE(ABORT, 'ledger names are append-only'); END;

        -- The entries with everything their group says, one row each (the rows of version 3), for reads and for people
        -- with the sqlite3 shell. The groups drive the join (CROSS JOIN keeps them the outer loop), so each group finds
        -- its entries by a rowid range.
        CREATE VIEW entry_rows AS
            SELECT e.seq AS seq, s.name AS scheme,
                   CASE WHEN typeof(g.report_id) = 'blob' THEN (SELECT name FROM names WHERE ref = g.producer) || CAST(g.report_id AS TEXT)
                        ELSE g.report_id END AS report_id,
                   a.name AS account, p.name AS peer, k.name AS kind, e.amount AS amount, e.active_seconds AS active_seconds,
                   g.report_time AS report_time, g.recorded_time AS recorded_time, r.rule_set_id AS rule_set_id,
                   r.rule_set_hash AS rule_set_hash, e.reason AS reason, e.operator AS operator,
                   g.first_seq AS group_seq, g.scheme AS scheme_ref, g.account AS account_ref
            FROM entry_groups g CROSS JOIN entries e ON e.seq >= g.first_seq AND e.seq < g.first_seq + g.entry_count
            JOIN names s ON s.ref = g.scheme JOIN names a ON a.ref = g.account JOIN names p ON p.ref = e.peer
            JOIN kinds k ON k.ref = e.kind JOIN rule_sets r ON r.ref = g.rule_set_ref;
        """,
    ];

    /// <summary>The schema version this library writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the file to <see cref="LatestVersion"/>; a no-op when it is there already.</summary>
    public static void Migrate(SqliteConnection connection, long appliedAtTicks)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
            long current = (long)read.ExecuteScalar()!;
            if (current > LatestVersion)
                throw new InvalidOperationException(
                    $"The ledger file has schema version {current}, newer than this library understands ({LatestVersion}); upgrade the library.");
            for (int version = (int)current + 1; version <= LatestVersion; version++)
            {
                Execute(connection, Migrations[version - 1]);
                using var record = connection.CreateCommand();
                record.CommandText = "INSERT INTO schema_version(version, applied_at) VALUES ($version, $at);";
                record.Parameters.AddWithValue("$version", version);
                record.Parameters.AddWithValue("$at", appliedAtTicks);
                record.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
