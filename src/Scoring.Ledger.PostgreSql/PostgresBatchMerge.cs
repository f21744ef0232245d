using Npgsql;
using NpgsqlTypes;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Appends entries inside the caller's transaction: binary COPY of every posting into a temporary staging table, then
/// set-based statements. Why it neither deadlocks nor loses updates with several workers:
/// <list type="bullet">
/// <item>Rows are locked in one global order: report keys (recorded before, in key order), then rule sets, kinds,
/// account totals and kind totals, each by key (every INSERT … SELECT and the FOR UPDATE are ORDER BY the key). A
/// transaction waits only for locks later in that order than the ones it holds, so no cycle (deadlock) can form;
/// PostgreSQL's deadlock detector and the store's retry remain as a safety net.</item>
/// <item>Totals are read-modify-written under a row lock (UPDATE … SET total = total + delta), so concurrent
/// batches add up; the sum is numeric and its assignment to bigint raises 22003 on overflow, which the caller rolls
/// back to its savepoint and reports as <see cref="LedgerOverflowException"/>.</item>
/// </list>
/// </summary>
internal sealed class PostgresBatchMerge(string s)
{
    private const string Staging = "ledger_staging";

    // ON COMMIT DROP: the tables live only in the transaction; a second call in the same transaction empties them.
    private static readonly string CreateStaging =
        $"""
        CREATE TEMP TABLE {Staging}(
            ord int NOT NULL, scheme text COLLATE "C" NOT NULL, report_id text COLLATE "C" NOT NULL, report_time bigint NOT NULL,
            rule_set_id text COLLATE "C" NOT NULL, rule_set_hash text COLLATE "C" NOT NULL,
            account text COLLATE "C" NOT NULL, peer text COLLATE "C" NOT NULL, kind text COLLATE "C" NOT NULL,
            amount bigint NOT NULL, active_seconds bigint NOT NULL, reason text, operator text) ON COMMIT DROP;
        CREATE TEMP TABLE ledger_fresh(
            scheme text COLLATE "C" NOT NULL, account text COLLATE "C" NOT NULL, kind smallint NOT NULL,
            amount bigint NOT NULL, active_seconds bigint NOT NULL, report_time bigint NOT NULL) ON COMMIT DROP;
        """;

    private const string EmptyStaging = $"TRUNCATE {Staging}, ledger_fresh;";

    private const string Copy =
        $"COPY {Staging}(ord, scheme, report_id, report_time, rule_set_id, rule_set_hash, " +
        "account, peer, kind, amount, active_seconds, reason, operator) FROM STDIN (FORMAT BINARY)";

    // Rule sets and kinds first (new ones created in key order), then the entries in staging order so sequence numbers
    // follow it, keeping a copy of the new entries for the totals. A kind is inserted only when it is missing, so the
    // identity sequence is not spent on every call.
    private string MergeEntries =>
        $"""
        INSERT INTO {s}.rule_sets(rule_set_id, rule_set_hash)
            SELECT DISTINCT rule_set_id, rule_set_hash FROM {Staging} ORDER BY 1, 2 ON CONFLICT DO NOTHING;
        INSERT INTO {s}.kinds(name)
            SELECT DISTINCT st.kind FROM {Staging} st WHERE NOT EXISTS (SELECT 1 FROM {s}.kinds k WHERE k.name = st.kind)
            ORDER BY 1 ON CONFLICT DO NOTHING;
        WITH inserted AS (
            INSERT INTO {s}.entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time,
                                    recorded_time, rule_set_ref, reason, operator)
                SELECT nextval('{s}.entry_seq'), st.scheme, st.report_id, st.account, st.peer, k.ref, st.amount,
                       st.active_seconds, st.report_time, @recorded, r.ref, st.reason, st.operator
                FROM {Staging} st
                JOIN {s}.rule_sets r ON r.rule_set_id = st.rule_set_id AND r.rule_set_hash = st.rule_set_hash
                JOIN {s}.kinds k ON k.name = st.kind
                ORDER BY st.ord
                RETURNING scheme, account, kind, amount, active_seconds, report_time)
        INSERT INTO ledger_fresh SELECT * FROM inserted;
        """;

    private string UpdateTotals =>
        Totals("account_totals", ["scheme", "account"], ["total", "active_seconds", "entry_count"], seen: true) +
        Totals("kind_totals", ["scheme", "account", "kind"], ["amount"], seen: false);

    /// <summary>
    /// Appends one entry per posting of each report and adds them to the running totals. The caller holds a savepoint
    /// and rolls back to it when this throws. <paramref name="stagingExists"/> says whether this transaction created the
    /// staging tables already.
    /// </summary>
    public async Task<int> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerReport> reports, long recordedTicks,
        bool stagingExists, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, stagingExists ? EmptyStaging : CreateStaging, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, reports, cancellationToken).ConfigureAwait(false);
        int entries;
        await using (var merge = new NpgsqlCommand(MergeEntries, connection))
        {
            merge.Parameters.AddWithValue("recorded", recordedTicks);
            await merge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var count = new NpgsqlCommand("SELECT COUNT(*) FROM ledger_fresh;", connection))
            entries = (int)(long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        // The inner joins drop a posting whose rule set or kind row is missing; that must never pass silently.
        int postings = reports.Sum(r => r.Postings.Count);
        if (entries != postings)
            throw new InvalidOperationException(
                $"Only {entries} of {postings} entries could be written: a rule set or kind could not be recorded in schema '{s}'.");

        await transaction.SaveAsync("ledger_totals", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, UpdateTotals, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
        {
            await transaction.RollbackAsync("ledger_totals", cancellationToken).ConfigureAwait(false);
            throw await DescribeOverflowAsync(connection, e, cancellationToken).ConfigureAwait(false);
        }
        await transaction.ReleaseAsync("ledger_totals", cancellationToken).ConfigureAwait(false);
        return entries;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false);
        int ord = 0;
        foreach (var report in reports)
        {
            long reportTicks = report.ReportTime.UtcTicks;
            foreach (var posting in report.Postings)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(ord++, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.Scheme, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.ReportId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reportTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.RuleSetId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.RuleSetHash, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Account, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Peer, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
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
    /// The per-key deltas of the new entries, as numeric sums (exact, whatever the call holds), with first/last seen over
    /// activity kinds only (every kind but slash, 4, and adjustment, 5).
    /// </summary>
    private static string Deltas(string keys) =>
        $"SELECT {keys}, SUM(amount) AS total, SUM(amount) AS amount, SUM(active_seconds) AS active_seconds, COUNT(*)::numeric AS entry_count, " +
        $"COALESCE(MIN(report_time) FILTER (WHERE kind NOT IN (4, 5)), {TotalsRow.NoFirstSeen}) AS first_seen, " +
        $"COALESCE(MAX(report_time) FILTER (WHERE kind NOT IN (4, 5)), {TotalsRow.NoLastSeen}) AS last_seen " +
        $"FROM ledger_fresh GROUP BY {keys}";

    /// <summary>Creates missing total rows (zero) and locks all touched rows, both in key order, then adds the deltas.</summary>
    private string Totals(string table, string[] keyColumns, string[] sums, bool seen)
    {
        string keys = string.Join(", ", keyColumns);
        string match = string.Join(" AND ", keyColumns.Select(k => $"t.{k} = d.{k}"));
        string seenColumns = seen ? ", first_seen, last_seen" : "";
        return
            $"INSERT INTO {s}.{table}({keys}, {string.Join(", ", sums)}{seenColumns}) " +
            $"SELECT DISTINCT {keys}, {string.Join(", ", sums.Select(_ => "0"))}{(seen ? $", {TotalsRow.NoFirstSeen}, {TotalsRow.NoLastSeen}" : "")} " +
            $"FROM ledger_fresh ORDER BY {keys} ON CONFLICT DO NOTHING;\n" +
            $"SELECT 1 FROM {s}.{table} t WHERE ({keys}) IN (SELECT {keys} FROM ledger_fresh) ORDER BY {keys} FOR UPDATE;\n" +
            $"UPDATE {s}.{table} t SET " +
            string.Join(", ", sums.Select(c => $"{c} = t.{c} + d.{c}")) +
            (seen ? ", first_seen = LEAST(t.first_seen, d.first_seen), last_seen = GREATEST(t.last_seen, d.last_seen)" : "") +
            $" FROM ({Deltas(keys)}) d WHERE {match};\n";
    }

    /// <summary>Finds the first (scheme, account) whose totals would leave the 64-bit range, and which part, for the message.</summary>
    private async Task<LedgerOverflowException> DescribeOverflowAsync(NpgsqlConnection connection, PostgresException error, CancellationToken cancellationToken)
    {
        static string Fits(string stored, string delta) => $"COALESCE({stored}, 0) + {delta} BETWEEN {long.MinValue} AND {long.MaxValue}";
        // The same order as the other stores: total, active seconds, entry count, then the kinds by name.
        string sql =
            "SELECT d.scheme, d.account, CASE " +
            $"WHEN NOT ({Fits("t.total", "d.total")}) THEN '{TotalsDelta.TotalPart}' " +
            $"WHEN NOT ({Fits("t.active_seconds", "d.active_seconds")}) THEN '{TotalsDelta.ActiveSecondsPart}' " +
            $"WHEN NOT ({Fits("t.entry_count", "d.entry_count")}) THEN '{TotalsDelta.EntryCountPart}' " +
            $"ELSE (SELECT k.name || ' part' FROM ({Deltas("scheme, account, kind")}) dk " +
            $"      JOIN {s}.kinds k ON k.ref = dk.kind LEFT JOIN {s}.kind_totals kt ON (kt.scheme, kt.account, kt.kind) = (dk.scheme, dk.account, dk.kind) " +
            $"      WHERE dk.scheme = d.scheme AND dk.account = d.account AND NOT ({Fits("kt.amount", "dk.amount")}) ORDER BY k.name LIMIT 1) END " +
            $"FROM ({Deltas("scheme, account")}) d LEFT JOIN {s}.account_totals t ON t.scheme = d.scheme AND t.account = d.account " +
            $"WHERE NOT ({Fits("t.total", "d.total")} AND {Fits("t.active_seconds", "d.active_seconds")} AND {Fits("t.entry_count", "d.entry_count")}) " +
            $"   OR EXISTS (SELECT 1 FROM ({Deltas("scheme, account, kind")}) dk LEFT JOIN {s}.kind_totals kt " +
            $"              ON (kt.scheme, kt.account, kt.kind) = (dk.scheme, dk.account, dk.kind) " +
            $"              WHERE dk.scheme = d.scheme AND dk.account = d.account AND NOT ({Fits("kt.amount", "dk.amount")})) " +
            "ORDER BY d.scheme, d.account LIMIT 1;";
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return new LedgerOverflowException(BatchTotals.Overflow(reader.GetString(0), reader.GetString(1), reader.GetString(2)).Message, error);
        return new LedgerOverflowException(
            "Appending the batch would overflow a running total beyond the 64-bit range; the batch was rejected and nothing of it was committed.", error);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
