using Npgsql;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>
/// Builds a PostgreSQL ledger schema as the library wrote it at schema version 1 (the migration text as shipped, copied
/// from git history, commit db598b8, with its eight hash partitions per table), holding <see cref="LegacyLedger.Entries"/>
/// the way the version 1 writer stored them; and at version 2 (that ledger migrated by the shipped migration 2, then
/// written to as the version 2 writer did: producer-bound keys with content hashes, a kind of its own, scheme state).
/// </summary>
internal static class PostgresLegacyLedger
{
    /// <summary>Schema version 1 as shipped; <c>{s}</c> is the quoted schema.</summary>
    private const string Version1 =
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

            CREATE TABLE {s}.reports_p0 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 0);
            CREATE TABLE {s}.reports_p1 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 1);
            CREATE TABLE {s}.reports_p2 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 2);
            CREATE TABLE {s}.reports_p3 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 3);
            CREATE TABLE {s}.reports_p4 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 4);
            CREATE TABLE {s}.reports_p5 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 5);
            CREATE TABLE {s}.reports_p6 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 6);
            CREATE TABLE {s}.reports_p7 PARTITION OF {s}.reports FOR VALUES WITH (MODULUS 8, REMAINDER 7);
            CREATE TABLE {s}.entries_p0 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 0);
            CREATE TABLE {s}.entries_p1 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 1);
            CREATE TABLE {s}.entries_p2 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 2);
            CREATE TABLE {s}.entries_p3 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 3);
            CREATE TABLE {s}.entries_p4 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 4);
            CREATE TABLE {s}.entries_p5 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 5);
            CREATE TABLE {s}.entries_p6 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 6);
            CREATE TABLE {s}.entries_p7 PARTITION OF {s}.entries FOR VALUES WITH (MODULUS 8, REMAINDER 7);
        """;

    public static async Task CreateAsync(string connectionString, string schema)
    {
        string s = $"\"{schema}\"";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, $"CREATE SCHEMA {s}; CREATE TABLE {s}.schema_version(version int PRIMARY KEY, applied_at bigint NOT NULL);");
        await ExecuteAsync(connection, Version1.Replace("{s}", s, StringComparison.Ordinal));
        await ExecuteAsync(connection, $"INSERT INTO {s}.schema_version(version, applied_at) VALUES (1, 0);");
        await ExecuteAsync(connection, $"INSERT INTO {s}.rule_sets(ref, rule_set_id, rule_set_hash) OVERRIDING SYSTEM VALUE VALUES " +
            "(1, 'swarm-default', 'sha256:1'), (2, 'jobs-image', 'sha256:2'), (3, 'jobs-boost', 'sha256:3'), (4, '', '');");
        // The writer let the identity number rule sets; refs given here must move it on, as if it had.
        await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('{s}.rule_sets', 'ref'), 4);");
        foreach (var e in LegacyLedger.Entries)
        {
            await ExecuteAsync(connection,
                $"INSERT INTO {s}.entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, rule_set_ref, reason, operator) " +
                "VALUES (@seq, @scheme, @report, @account, @peer, @kind, @amount, @seconds, @time, @time, @ruleSet, @reason, @operator);",
                ("seq", e.Seq), ("scheme", e.Scheme), ("report", e.Report), ("account", e.Account), ("peer", e.Peer), ("kind", (short)e.Kind),
                ("amount", e.Amount), ("seconds", e.Seconds), ("time", LegacyLedger.T0.AddMinutes(e.Minute).UtcTicks), ("ruleSet", e.RuleSet),
                ("reason", (object?)e.Reason ?? DBNull.Value), ("operator", (object?)e.Operator ?? DBNull.Value));
        }
        await ExecuteAsync(connection, $"SELECT setval('{s}.entry_seq', 8);");
        foreach (var report in LegacyLedger.Entries.GroupBy(e => (e.Scheme, e.Report)))
            await ExecuteAsync(connection, $"INSERT INTO {s}.reports(scheme, report_id, entry_count, recorded_time) VALUES (@scheme, @report, @count, 0);",
                ("scheme", report.Key.Scheme), ("report", report.Key.Report), ("count", report.Count()));
        foreach (var account in LegacyLedger.Entries.GroupBy(e => e.Account))
        {
            long Sum(Func<int, bool> kind) => account.Where(e => kind(e.Kind)).Sum(e => e.Amount);
            var activity = account.Where(e => e.Kind < 4).Select(e => LegacyLedger.T0.AddMinutes(e.Minute).UtcTicks).ToList();
            await ExecuteAsync(connection,
                $"INSERT INTO {s}.account_totals(account, total, compute, presence, jobs, boosts, adjustments, active_seconds, entry_count, first_seen, last_seen) " +
                "VALUES (@account, @total, @compute, @presence, @jobs, @boosts, @adjustments, @seconds, @count, @first, @last);",
                ("account", account.Key), ("total", Sum(_ => true)), ("compute", Sum(k => k == 0)), ("presence", Sum(k => k == 1)),
                ("jobs", Sum(k => k == 2)), ("boosts", Sum(k => k == 3)), ("adjustments", Sum(k => k >= 4)),
                ("seconds", account.Sum(e => e.Seconds)), ("count", (long)account.Count()),
                ("first", activity.Count == 0 ? long.MaxValue : activity.Min()), ("last", activity.Count == 0 ? long.MinValue : activity.Max()));
        }
        await transaction.CommitAsync();
    }

    /// <summary>The report version 2 recorded for account zed, producer peer-z (compute 40 and presence 2, 60 s).</summary>
    public static LedgerReport Version2Report => SwarmReport("peer-z", "z-1", 7,
        new LedgerPosting("zed", "peer-z", "compute", Points.FromUnits(40)),
        new LedgerPosting("zed", "peer-z", "presence", Points.FromUnits(2)) { ActiveSeconds = 60 });

    /// <summary>
    /// The version 1 ledger of <see cref="CreateAsync"/> migrated to version 2 by the shipped migrations, plus what only
    /// version 2 could write: <see cref="Version2Report"/> (seq 9 and 10) and a render report of the new kind
    /// <c>render-time</c> (ref 6, seq 11, 7 units, 5 s) for zed with their keys and totals, and the state key
    /// <c>account/zed</c> = <c>{"peers":1}</c> of scheme swarm.
    /// </summary>
    public static async Task CreateVersion2Async(string connectionString, string schema)
    {
        await CreateAsync(connectionString, schema);
        string s = $"\"{schema}\"";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await PostgresSchema.MigrateAsync(connection, schema, 0, CancellationToken.None, upTo: 2);
        await using var transaction = await connection.BeginTransactionAsync();
        long t7 = LegacyLedger.T0.AddMinutes(7).UtcTicks, t8 = LegacyLedger.T0.AddMinutes(8).UtcTicks;
        await ExecuteAsync(connection,
            $"INSERT INTO {s}.kinds(name) VALUES ('render-time'); " +
            $"INSERT INTO {s}.rule_sets(rule_set_id, rule_set_hash) VALUES ('render', 'sha256:5'); " +
            $"INSERT INTO {s}.reports(scheme, producer, report_id, content_hash, recorded_time) VALUES ('swarm', 'peer-z', 'z-1', @hash, 0), ('render', 'node-1', 'x-1', 99, 0); " +
            $"INSERT INTO {s}.entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, rule_set_ref, reason, operator) VALUES " +
            $"(nextval('{s}.entry_seq'), 'swarm', 'z-1', 'zed', 'peer-z', 0, 40, 0, @t7, 0, 1, NULL, NULL), " +
            $"(nextval('{s}.entry_seq'), 'swarm', 'z-1', 'zed', 'peer-z', 1, 2, 60, @t7, 0, 1, NULL, NULL), " +
            $"(nextval('{s}.entry_seq'), 'render', 'x-1', 'zed', 'node-1', 6, 7, 5, @t8, 0, 5, NULL, NULL); " +
            $"INSERT INTO {s}.account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen) VALUES " +
            "('swarm', 'zed', 42, 60, 2, @t7, @t7), ('render', 'zed', 7, 5, 1, @t8, @t8); " +
            $"INSERT INTO {s}.kind_totals(scheme, account, kind, amount) VALUES ('swarm', 'zed', 0, 40), ('swarm', 'zed', 1, 2), ('render', 'zed', 6, 7); " +
            $"INSERT INTO {s}.scheme_state(scheme, key, value) VALUES ('swarm', 'account/zed', convert_to('{{\"peers\":1}}', 'UTF8'));",
            ("hash", LedgerReports.ContentHash(Version2Report)), ("t7", t7), ("t8", t8));
        await transaction.CommitAsync();
    }

    /// <summary>The report version 3 recorded for account vic, producer peer-v (compute 50).</summary>
    public static LedgerReport Version3Report => SwarmReport("peer-v", "peer-v@9", 9, new LedgerPosting("vic", "peer-v", "compute", Points.FromUnits(50)));

    /// <summary>A swarm report of the legacy writers' rule set (ref 1), <paramref name="minute"/> minutes after T0.</summary>
    private static LedgerReport SwarmReport(string producer, string reportId, int minute, params LedgerPosting[] postings) => new()
    {
        Scheme = "swarm",
        Producer = producer,
        ReportId = reportId,
        ReportTime = LegacyLedger.T0.AddMinutes(minute),
        RuleSetId = "swarm-default",
        RuleSetHash = "sha256:1",
        Postings = postings,
    };

    /// <summary>
    /// The version 2 ledger of <see cref="CreateVersion2Async"/> migrated to version 3 by the shipped migrations (their
    /// text is the frozen version 3 layout), plus <see cref="Version3Report"/> written as the version 3 writer did: its key
    /// with its hash, its entry numbered by the column default (seq 12), its totals and kind part, and the state key
    /// <c>account/vic</c> = <c>{"peers":1}</c>.
    /// </summary>
    public static async Task CreateVersion3Async(string connectionString, string schema)
    {
        await CreateVersion2Async(connectionString, schema);
        string s = $"\"{schema}\"";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await PostgresSchema.MigrateAsync(connection, schema, 0, CancellationToken.None, upTo: 3);
        await using var transaction = await connection.BeginTransactionAsync();
        long t9 = LegacyLedger.T0.AddMinutes(9).UtcTicks;
        await ExecuteAsync(connection,
            $"INSERT INTO {s}.reports(scheme, producer, report_id, content_hash, recorded_time) VALUES ('swarm', 'peer-v', 'peer-v@9', @hash, 0); " +
            $"INSERT INTO {s}.entries(scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, rule_set_ref, reason, operator) " +
            "VALUES ('swarm', 'peer-v@9', 'vic', 'peer-v', 0, 50, 0, @t9, 0, 1, NULL, NULL); " +
            $"INSERT INTO {s}.account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen) VALUES ('swarm', 'vic', 50, 0, 1, @t9, @t9); " +
            $"INSERT INTO {s}.kind_totals(scheme, account, kind, amount) VALUES ('swarm', 'vic', 0, 50); " +
            $"INSERT INTO {s}.scheme_state(scheme, key, value) VALUES ('swarm', 'account/vic', convert_to('{{\"peers\":1}}', 'UTF8'));",
            ("hash", LedgerReports.ContentHash(Version3Report)), ("t9", t9));
        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
