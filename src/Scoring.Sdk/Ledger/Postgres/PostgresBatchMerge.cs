using Npgsql;
using NpgsqlTypes;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Appends one batch in one transaction: binary COPY of every posting into a temporary staging table, then
/// set-based statements. Why it neither deadlocks nor loses updates with several workers:
/// <list type="bullet">
/// <item>Rows are locked in one global order: rule sets, then report keys, then account totals, each by key (every INSERT … SELECT and the FOR UPDATE are ORDER BY the key). A transaction waits only
/// for locks later in that order than the ones it holds, so no cycle (deadlock) can form; PostgreSQL's deadlock
/// detector and the store's retry remain as a safety net.</item>
/// <item>A report key inserted by another, uncommitted worker makes <c>ON CONFLICT DO NOTHING</c> wait for it:
/// if it commits, the report is a duplicate here; if it rolls back, this worker records it. Never both.</item>
/// <item>Totals are read-modify-written under a row lock (UPDATE … SET total = total + delta), so concurrent
/// batches add up; the sum is numeric and its assignment to bigint raises 22003 on overflow, which rolls back
/// the whole batch and is reported as <see cref="LedgerOverflowException"/>.</item>
/// </list>
/// </summary>
internal sealed class PostgresBatchMerge(string s)
{
    private const string Staging = "ledger_staging";

    private static readonly string CreateStaging =
        $"""
        CREATE TEMP TABLE {Staging}(
            ord int NOT NULL, posting int NOT NULL, posting_count int NOT NULL,
            scheme text COLLATE "C" NOT NULL, report_id text COLLATE "C" NOT NULL, report_time bigint NOT NULL,
            rule_set_id text COLLATE "C" NOT NULL, rule_set_hash text COLLATE "C" NOT NULL,
            account text COLLATE "C" NOT NULL, peer text COLLATE "C" NOT NULL, kind smallint NOT NULL,
            amount bigint NOT NULL, active_seconds bigint NOT NULL, reason text, operator text) ON COMMIT DROP;
        CREATE TEMP TABLE ledger_fresh(
            scheme text COLLATE "C" NOT NULL, report_id text COLLATE "C" NOT NULL,
            account text COLLATE "C" NOT NULL, kind smallint NOT NULL,
            amount bigint NOT NULL, active_seconds bigint NOT NULL, report_time bigint NOT NULL) ON COMMIT DROP;
        """;

    private const string Copy =
        $"COPY {Staging}(ord, posting, posting_count, scheme, report_id, report_time, rule_set_id, rule_set_hash, " +
        "account, peer, kind, amount, active_seconds, reason, operator) FROM STDIN (FORMAT BINARY)";

    // Insert the report keys (the idempotency check), then the entries of the reports that were new, in batch
    // order so sequence numbers follow it, keeping a copy of the new entries for the totals.
    private string MergeEntries =>
        $"""
        INSERT INTO {s}.rule_sets(rule_set_id, rule_set_hash)
            SELECT DISTINCT rule_set_id, rule_set_hash FROM {Staging} ORDER BY 1, 2 ON CONFLICT DO NOTHING;
        WITH fresh AS (
            INSERT INTO {s}.reports(scheme, report_id, entry_count, recorded_time)
                SELECT scheme, report_id, posting_count, @recorded FROM {Staging} WHERE posting = 0 ORDER BY scheme, report_id
                ON CONFLICT DO NOTHING
                RETURNING scheme, report_id),
        inserted AS (
            INSERT INTO {s}.entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time,
                                    recorded_time, rule_set_ref, reason, operator)
                SELECT nextval('{s}.entry_seq'), st.scheme, st.report_id, st.account, st.peer, st.kind, st.amount,
                       st.active_seconds, st.report_time, @recorded, r.ref, st.reason, st.operator
                FROM {Staging} st
                JOIN fresh f ON f.scheme = st.scheme AND f.report_id = st.report_id
                JOIN {s}.rule_sets r ON r.rule_set_id = st.rule_set_id AND r.rule_set_hash = st.rule_set_hash
                ORDER BY st.ord
                RETURNING scheme, report_id, account, kind, amount, active_seconds, report_time)
        INSERT INTO ledger_fresh SELECT * FROM inserted;
        SELECT (SELECT COUNT(*) FROM {Staging} st WHERE posting = 0
                  AND EXISTS (SELECT 1 FROM ledger_fresh f WHERE f.scheme = st.scheme AND f.report_id = st.report_id)),
               (SELECT COUNT(*) FROM ledger_fresh);
        """;

    private string UpdateTotals => Totals("account_totals", ["account"]);

    public async Task<(int Appended, int Entries)> AppendAsync(
        NpgsqlConnection connection, IReadOnlyList<LedgerReport> reports, long recordedTicks, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, CreateStaging, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, reports, cancellationToken).ConfigureAwait(false);

        int appended, entries;
        await using (var merge = new NpgsqlCommand(MergeEntries, connection))
        {
            merge.Parameters.AddWithValue("recorded", recordedTicks);
            await using var reader = await merge.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (appended, entries) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        }

        if (entries > 0)
        {
            await transaction.SaveAsync("totals", cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(connection, UpdateTotals, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
            {
                await transaction.RollbackAsync("totals", cancellationToken).ConfigureAwait(false);
                throw await DescribeOverflowAsync(connection, e, cancellationToken).ConfigureAwait(false);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (appended, entries);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false);
        int ord = 0;
        foreach (var report in reports)
        {
            long reportTicks = report.ReportTime.UtcTicks;
            for (int p = 0; p < report.Postings.Count; p++)
            {
                var posting = report.Postings[p];
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(ord++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(p, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.Postings.Count, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.Scheme, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.ReportId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reportTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.RuleSetId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.RuleSetHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Account, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Peer, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync((short)posting.Kind, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Amount.Units, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.ActiveSeconds, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, posting.Reason, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, posting.Operator, cancellationToken).ConfigureAwait(false);
            }
        }
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
            await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        else
            await writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The per-key deltas of the new entries, as numeric sums (exact, whatever the batch holds), with first/last
    /// seen over activity kinds only.
    /// </summary>
    private static string Deltas(string keys) =>
        $"SELECT {keys}, SUM(amount) AS total, " +
        "COALESCE(SUM(amount) FILTER (WHERE kind = 0), 0) AS compute, " +
        "COALESCE(SUM(amount) FILTER (WHERE kind = 1), 0) AS presence, " +
        "COALESCE(SUM(amount) FILTER (WHERE kind = 2), 0) AS jobs, " +
        "COALESCE(SUM(amount) FILTER (WHERE kind = 3), 0) AS boosts, " +
        "COALESCE(SUM(amount) FILTER (WHERE kind >= 4), 0) AS adjustments, " +
        "SUM(active_seconds) AS active_seconds, COUNT(*)::numeric AS entry_count, " +
        $"COALESCE(MIN(report_time) FILTER (WHERE kind < 4), {TotalsRow.NoFirstSeen}) AS first_seen, " +
        $"COALESCE(MAX(report_time) FILTER (WHERE kind < 4), {TotalsRow.NoLastSeen}) AS last_seen " +
        $"FROM ledger_fresh GROUP BY {keys}";

    /// <summary>
    /// Creates missing total rows (zero) and locks all touched rows, both in key order, then adds the deltas.
    /// </summary>
    private string Totals(string table, string[] keyColumns)
    {
        string keys = string.Join(", ", keyColumns);
        string match = string.Join(" AND ", keyColumns.Select(k => $"t.{k} = d.{k}"));
        string[] sums = ["total", "compute", "presence", "jobs", "boosts", "adjustments", "active_seconds", "entry_count"];
        return
            $"INSERT INTO {s}.{table}({keys}, {string.Join(", ", sums)}, first_seen, last_seen) " +
            $"SELECT DISTINCT {keys}, {string.Join(", ", sums.Select(_ => "0"))}, {TotalsRow.NoFirstSeen}, {TotalsRow.NoLastSeen} " +
            $"FROM ledger_fresh ORDER BY {keys} ON CONFLICT DO NOTHING;\n" +
            $"SELECT 1 FROM {s}.{table} t WHERE ({keys}) IN (SELECT {keys} FROM ledger_fresh) ORDER BY {keys} FOR UPDATE;\n" +
            $"UPDATE {s}.{table} t SET " +
            string.Join(", ", sums.Select(c => $"{c} = t.{c} + d.{c}")) +
            ", first_seen = LEAST(t.first_seen, d.first_seen), last_seen = GREATEST(t.last_seen, d.last_seen) " +
            $"FROM ({Deltas(keys)}) d WHERE {match};\n";
    }

    /// <summary>Finds the first account whose total would leave the 64-bit range, and which part, for the message.</summary>
    private async Task<LedgerOverflowException> DescribeOverflowAsync(NpgsqlConnection connection, PostgresException error, CancellationToken cancellationToken)
    {
        string[] parts = ["total", "compute", "presence", "jobs", "boosts", "adjustments", "active_seconds", "entry_count"];
        string[] names = ["total", "compute", "presence", "jobs", "boosts", "slashes/adjustments", "active seconds", "entry count"];
        string fits(string c) => $"COALESCE(t.{c}, 0) + d.{c} BETWEEN {long.MinValue} AND {long.MaxValue}";
        string sql =
            "SELECT d.account, CASE " +
            string.Concat(parts.Select((c, i) => $"WHEN NOT ({fits(c)}) THEN '{names[i]}' ")) +
            $"END FROM ({Deltas("account")}) d LEFT JOIN {s}.account_totals t ON t.account = d.account " +
            $"WHERE NOT ({string.Join(" AND ", parts.Select(fits))}) ORDER BY d.account LIMIT 1;";
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return new LedgerOverflowException(BatchTotals.Overflow(reader.GetString(0), reader.GetString(1)).Message, error);
        return new LedgerOverflowException(
            "Appending the batch would overflow a running total beyond the 64-bit range; the batch was rejected and nothing of it was committed.", error);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
