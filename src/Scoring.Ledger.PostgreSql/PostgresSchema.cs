using Npgsql;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// The PostgreSQL ledger's schema and its versioned migrations. <see cref="MigrateAsync"/> takes a
/// transaction-scoped advisory lock keyed by the schema name before it reads the version, so any number of
/// workers may start at once: one applies the pending migrations, the others wait and then find nothing to do.
/// Append a migration to change the schema; never edit a shipped one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>How many hash partitions the entries and reports tables had in versions 1 and 2 (version 3 has none).</summary>
    private const int EntryPartitions = 8;

    /// <summary>Migration texts; <c>{s}</c> stands for the quoted schema name.</summary>
    private static readonly string[] Migrations =
    [
        // Version 1. Text columns use COLLATE "C": code-point order, the order every store ranks ties by.
        // Times are UTC ticks (100 ns) in bigint: timestamptz keeps only microseconds.
        """
        -- Idempotency: one row per (scheme, report id) ever appended. Inserting with ON CONFLICT DO NOTHING
        -- is what makes a replayed report a no-op, also when two workers offer it at the same moment.
        CREATE TABLE {s}.reports(
            scheme        text   COLLATE "C" NOT NULL,
            report_id     text   COLLATE "C" NOT NULL,
            entry_count   int    NOT NULL,
            recorded_time bigint NOT NULL,
            PRIMARY KEY (scheme, report_id)
        ) PARTITION BY HASH (scheme, report_id);

        CREATE TABLE {s}.rule_sets(
            ref           int  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            rule_set_id   text COLLATE "C" NOT NULL,
            rule_set_hash text COLLATE "C" NOT NULL,
            UNIQUE (rule_set_id, rule_set_hash));

        CREATE SEQUENCE {s}.entry_seq AS bigint CACHE 1;

        -- The append-only history, partitioned by account hash: an account's entries live in one partition,
        -- no partition maintenance is ever needed, and writers of different accounts touch different indexes.
        CREATE TABLE {s}.entries(
            seq            bigint NOT NULL,
            scheme         text   COLLATE "C" NOT NULL,
            report_id      text   COLLATE "C" NOT NULL,
            account        text   COLLATE "C" NOT NULL,
            peer           text   COLLATE "C" NOT NULL,
            kind           smallint NOT NULL,
            amount         bigint NOT NULL,
            active_seconds bigint NOT NULL,
            report_time    bigint NOT NULL,
            recorded_time  bigint NOT NULL,
            rule_set_ref   int    NOT NULL REFERENCES {s}.rule_sets(ref),
            reason         text,
            operator       text,
            PRIMARY KEY (seq, account)
        ) PARTITION BY HASH (account);
        CREATE INDEX ON {s}.entries(account, report_time);
        CREATE INDEX ON {s}.entries(report_time);
        CREATE INDEX ON {s}.entries(report_id);

        -- History is never edited: a correction is a new slash or adjustment entry.
        CREATE FUNCTION {s}.refuse_edit() RETURNS trigger LANGUAGE plpgsql AS
            $$BEGIN RAISE EXCEPTION 'ledger % are append-only', TG_TABLE_NAME; END$$;
        CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON {s}.entries
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_edit();
        CREATE TRIGGER reports_append_only BEFORE UPDATE OR DELETE ON {s}.reports
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_edit();
        CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON {s}.entries
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_edit();
        CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON {s}.reports
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_edit();

        -- Running totals per account, updated in the transaction that appends the entries they sum. Sums are
        -- checked by bigint arithmetic itself: PostgreSQL raises 22003 instead of wrapping. Per-peer totals are a
        -- drill-down into one account, summed from its entries (one partition, (account, report_time) index).
        CREATE TABLE {s}.account_totals(
            account        text   COLLATE "C" NOT NULL PRIMARY KEY,
            total          bigint NOT NULL,
            compute        bigint NOT NULL,
            presence       bigint NOT NULL,
            jobs           bigint NOT NULL,
            boosts         bigint NOT NULL,
            adjustments    bigint NOT NULL,
            active_seconds bigint NOT NULL,
            entry_count    bigint NOT NULL,
            first_seen     bigint NOT NULL,
            last_seen      bigint NOT NULL);
        -- The leaderboard order, so top-N is an index walk.
        CREATE INDEX account_totals_by_rank ON {s}.account_totals(total DESC, first_seen, account);
        """ + Partitions("reports") + Partitions("entries"),

        // Version 2 (the SQLite file's version 3): schemes are plug-ins. Kinds are names (entries keep their smallint as a
        // ref into kinds), report keys are bound to their producer and carry a content hash, running totals are per
        // (scheme, account) and per (scheme, account, kind), and schemes keep durable state. See docs/postgres.md.
        """
        -- Posting kinds by name. The first six are the kinds of version 1 with their old numbers, so existing entries
        -- stay valid; a new kind gets the next ref on first use (smallint, like entries.kind: 32,767 kinds at most).
        CREATE TABLE {s}.kinds(
            ref  smallint GENERATED BY DEFAULT AS IDENTITY (START WITH 6) PRIMARY KEY,
            name text COLLATE "C" NOT NULL UNIQUE);
        INSERT INTO {s}.kinds(ref, name) VALUES (0, 'compute'), (1, 'presence'), (2, 'job'), (3, 'boost'), (4, 'slash'), (5, 'adjustment');

        -- Idempotency keys, now per producer, with the report's content hash (NULL: unknown). A report's entries may be
        -- written in a later transaction than its key, so the key no longer counts them (entry_count goes). A migrated
        -- key's producer is the peer of its report's first entry, or '' for boosts, slashes and adjustments (made by the
        -- scheme or an operator); its hash is unknown, so a re-send counts as a duplicate, never a conflict.
        CREATE TABLE {s}.reports_v2(
            scheme        text   COLLATE "C" NOT NULL,
            producer      text   COLLATE "C" NOT NULL,
            report_id     text   COLLATE "C" NOT NULL,
            content_hash  bigint,
            recorded_time bigint NOT NULL,
            -- the report id before the producer: growing ids land at the index's right edge (see the SQLite schema)
            PRIMARY KEY (scheme, report_id, producer)
        ) PARTITION BY HASH (scheme, report_id);
        """ + Partitions("reports_v2") + """

        INSERT INTO {s}.reports_v2(scheme, producer, report_id, content_hash, recorded_time)
            SELECT r.scheme, CASE WHEN f.kind IN (3, 4, 5) THEN '' ELSE COALESCE(f.peer, '') END, r.report_id, NULL, r.recorded_time
            FROM {s}.reports r
            LEFT JOIN (SELECT DISTINCT ON (scheme, report_id) scheme, report_id, peer, kind
                       FROM {s}.entries ORDER BY scheme, report_id, seq) f
                   ON f.scheme = r.scheme AND f.report_id = r.report_id;
        DROP TABLE {s}.reports;
        ALTER TABLE {s}.reports_v2 RENAME TO reports;
        ALTER INDEX {s}.reports_v2_pkey RENAME TO reports_pkey;
        """ + string.Concat(Enumerable.Range(0, EntryPartitions).Select(i => $"\nALTER TABLE {{s}}.reports_v2_p{i} RENAME TO reports_p{i};")) + """

        CREATE TRIGGER reports_append_only BEFORE UPDATE OR DELETE ON {s}.reports
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_edit();
        CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON {s}.reports
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_edit();

        -- Running totals per ledger scheme (a point currency) and account, and per kind, rebuilt from the entries.
        -- Slashes (4) and adjustments (5) are not activity: they do not move first or last seen. The rank index leads
        -- with the scheme: a scheme's top-N is an index walk.
        DROP TABLE {s}.account_totals;
        CREATE TABLE {s}.account_totals(
            scheme         text   COLLATE "C" NOT NULL,
            account        text   COLLATE "C" NOT NULL,
            total          bigint NOT NULL,
            active_seconds bigint NOT NULL,
            entry_count    bigint NOT NULL,
            first_seen     bigint NOT NULL,
            last_seen      bigint NOT NULL,
            PRIMARY KEY (scheme, account));
        CREATE INDEX account_totals_by_rank ON {s}.account_totals(scheme, total DESC, first_seen, account);
        INSERT INTO {s}.account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen)
            SELECT scheme, account, SUM(amount)::bigint, SUM(active_seconds)::bigint, COUNT(*),
                   COALESCE(MIN(report_time) FILTER (WHERE kind NOT IN (4, 5)), 9223372036854775807),
                   COALESCE(MAX(report_time) FILTER (WHERE kind NOT IN (4, 5)), -9223372036854775808)
            FROM {s}.entries GROUP BY scheme, account;
        CREATE TABLE {s}.kind_totals(
            scheme  text     COLLATE "C" NOT NULL,
            account text     COLLATE "C" NOT NULL,
            kind    smallint NOT NULL REFERENCES {s}.kinds(ref),
            amount  bigint   NOT NULL,
            PRIMARY KEY (scheme, account, kind));
        INSERT INTO {s}.kind_totals(scheme, account, kind, amount)
            SELECT scheme, account, kind, SUM(amount)::bigint FROM {s}.entries GROUP BY scheme, account, kind;

        -- Durable state of plug-in schemes, written in the same transactions as the entries they produce.
        CREATE TABLE {s}.scheme_state(
            scheme text  COLLATE "C" NOT NULL,
            key    text  COLLATE "C" NOT NULL,
            value  bytea NOT NULL,
            PRIMARY KEY (scheme, key));
        """,

        // Version 3: writers that scale (docs/postgres.md, "Schema"). Entries are COPYed straight into their table, so what
        // each row costs is what its indexes cost: the hash partitions (routing every row, eight index sets), the foreign
        // key to rule_sets (a trigger and a lookup per row) and the report_id index (a random insert of a long text per
        // row) go, measured at 2.5x the cost of the rows themselves. The sequence gives seq its default. scheme_state
        // values may be NULL: a row a transaction inserts only to lock a key it read as absent, deleted before it commits.
        """
        CREATE TABLE {s}.reports_v3(
            scheme        text   COLLATE "C" NOT NULL,
            producer      text   COLLATE "C" NOT NULL,
            report_id     text   COLLATE "C" NOT NULL,
            content_hash  bigint,
            recorded_time bigint NOT NULL);
        INSERT INTO {s}.reports_v3(scheme, producer, report_id, content_hash, recorded_time)
            SELECT scheme, producer, report_id, content_hash, recorded_time FROM {s}.reports;
        DROP TABLE {s}.reports;
        ALTER TABLE {s}.reports_v3 RENAME TO reports;
        ALTER TABLE {s}.reports ADD CONSTRAINT reports_pkey PRIMARY KEY (scheme, report_id, producer);
        CREATE TRIGGER reports_append_only BEFORE UPDATE OR DELETE ON {s}.reports
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_edit();
        CREATE TRIGGER reports_no_truncate BEFORE TRUNCATE ON {s}.reports
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_edit();

        CREATE TABLE {s}.entries_v3(
            seq            bigint NOT NULL DEFAULT nextval('{s}.entry_seq'),
            scheme         text   COLLATE "C" NOT NULL,
            report_id      text   COLLATE "C" NOT NULL,
            account        text   COLLATE "C" NOT NULL,
            peer           text   COLLATE "C" NOT NULL,
            kind           smallint NOT NULL,
            amount         bigint NOT NULL,
            active_seconds bigint NOT NULL,
            report_time    bigint NOT NULL,
            recorded_time  bigint NOT NULL,
            rule_set_ref   int    NOT NULL,
            reason         text,
            operator       text);
        INSERT INTO {s}.entries_v3 SELECT seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time,
            recorded_time, rule_set_ref, reason, operator FROM {s}.entries ORDER BY seq;
        DROP TABLE {s}.entries;
        ALTER TABLE {s}.entries_v3 RENAME TO entries;
        ALTER TABLE {s}.entries ADD CONSTRAINT entries_pkey PRIMARY KEY (seq);
        -- An account's history and windowed totals; and windowed leaderboards, "as of" and the latest report time. Times
        -- mostly grow, so the second is an append at the index's right edge.
        CREATE INDEX entries_by_account ON {s}.entries(account, report_time);
        CREATE INDEX entries_by_time ON {s}.entries(report_time);
        CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON {s}.entries
            FOR EACH ROW EXECUTE FUNCTION {s}.refuse_edit();
        CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON {s}.entries
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_edit();

        ALTER TABLE {s}.scheme_state ALTER COLUMN value DROP NOT NULL;

        -- Kind parts are upserted by every batch: the foreign key (a lookup per row) goes, as the client binds the refs it
        -- created, and free room in each page lets an update stay on its page without a new index entry (HOT).
        ALTER TABLE {s}.kind_totals DROP CONSTRAINT kind_totals_kind_fkey;
        ALTER TABLE {s}.kind_totals SET (fillfactor = 80);
        """,

        // Version 4: running totals updated in place, in one row per account. A batch updates each account it touches
        // once; with an index on the total (account_totals_by_rank) every such update wrote a new row version and two
        // index entries (primary key and rank), and the next upsert's probe stepped over the dead versions: measured at
        // 2.2x the cost of the same update without it. Without an index on what changes, and with free room in every page
        // (fillfactor 70, the table rebuilt so existing pages get it too), an update is HOT: the row stays on its page and
        // no index entry is written. The kind parts move into the account's row (parts[ref + 1], NULL for a kind the
        // account never had), so a batch upserts one row per account instead of one per account and kind; kind_totals
        // becomes a view of them for the readers. A leaderboard sorts the scheme's totals (a bounded top-N sort) instead
        // of walking the rank index. The B-tree on entries(report_time), a third of what a COPYed entry cost, becomes a
        // BRIN index (a min and max per 128 pages, nothing to do per inserted row): entries are appended about in report
        // time order, so a window still reads only its pages. See docs/postgres.md, "Schema version 4".
        """
        CREATE TABLE {s}.account_totals_v4(
            scheme         text     COLLATE "C" NOT NULL,
            account        text     COLLATE "C" NOT NULL,
            total          bigint   NOT NULL,
            active_seconds bigint   NOT NULL,
            entry_count    bigint   NOT NULL,
            first_seen     bigint   NOT NULL,
            last_seen      bigint   NOT NULL,
            parts          bigint[] NOT NULL) WITH (fillfactor = 70);
        INSERT INTO {s}.account_totals_v4(scheme, account, total, active_seconds, entry_count, first_seen, last_seen, parts)
            SELECT t.scheme, t.account, t.total, t.active_seconds, t.entry_count, t.first_seen, t.last_seen,
                   ARRAY(SELECT k.amount FROM generate_series(0, (SELECT MAX(m.kind) FROM {s}.kind_totals m WHERE m.scheme = t.scheme AND m.account = t.account)) AS g(ref)
                         LEFT JOIN {s}.kind_totals k ON k.scheme = t.scheme AND k.account = t.account AND k.kind = g.ref ORDER BY g.ref)
            FROM {s}.account_totals t ORDER BY t.scheme, t.account;
        DROP TABLE {s}.account_totals;
        DROP TABLE {s}.kind_totals;
        ALTER TABLE {s}.account_totals_v4 RENAME TO account_totals;
        ALTER TABLE {s}.account_totals ADD CONSTRAINT account_totals_pkey PRIMARY KEY (scheme, account);
        CREATE VIEW {s}.kind_totals AS
            SELECT t.scheme, t.account, (p.slot - 1)::smallint AS kind, p.amount
            FROM {s}.account_totals t CROSS JOIN LATERAL unnest(t.parts) WITH ORDINALITY AS p(amount, slot)
            WHERE p.amount IS NOT NULL;
        DROP INDEX {s}.entries_by_time;
        CREATE INDEX entries_by_time ON {s}.entries USING brin (report_time) WITH (autosummarize = on);
        """,
    ];

    /// <summary>The schema version this library writes.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>
    /// Brings <paramref name="schema"/> to <see cref="LatestVersion"/> (or to <paramref name="upTo"/>: tests build the
    /// shipped layout of an earlier version this way); a no-op when it is there already.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlConnection connection, string schema, long appliedAtTicks, CancellationToken cancellationToken, int? upTo = null)
    {
        string s = PostgresNames.Quote(schema);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Serializes migrators of this schema across processes; released by the commit (or by a crash).
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key);", cancellationToken, ("key", AdvisoryKey(schema))).ConfigureAwait(false);
        await ExecuteAsync(connection,
            $"CREATE SCHEMA IF NOT EXISTS {s}; " +
            $"CREATE TABLE IF NOT EXISTS {s}.schema_version(version int PRIMARY KEY, applied_at bigint NOT NULL);",
            cancellationToken).ConfigureAwait(false);
        int current;
        await using (var read = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {s}.schema_version;", connection))
            current = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (current > LatestVersion)
            throw new InvalidOperationException(
                $"The ledger schema '{schema}' has version {current}, newer than this library understands ({LatestVersion}); upgrade the library.");
        for (int version = current + 1; version <= (upTo ?? LatestVersion); version++)
        {
            await ExecuteAsync(connection, Migrations[version - 1].Replace("{s}", s, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"INSERT INTO {s}.schema_version(version, applied_at) VALUES (@version, @at);", cancellationToken,
                ("version", version), ("at", appliedAtTicks)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Partitions(string table) => string.Concat(Enumerable.Range(0, EntryPartitions).Select(i =>
        $"\nCREATE TABLE {{s}}.{table}_p{i} PARTITION OF {{s}}.{table} FOR VALUES WITH (MODULUS {EntryPartitions}, REMAINDER {i});"));

    /// <summary>
    /// A stable 64-bit key for the schema's migration lock: FNV-1a of the UTF-16 code units of its name, so every process
    /// and platform agrees.
    /// </summary>
    private static long AdvisoryKey(string schema)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in "scoring.ledger.migrate:" + schema)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
