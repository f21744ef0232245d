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
