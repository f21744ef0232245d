using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// Writes one batch inside the caller's write transaction. Rows travel to SQLite as one JSON array per table,
/// unpacked with <c>json_each</c>: a handful of statements per batch instead of several per report, which is
/// what makes hundreds of thousands of reports per second possible (the per-statement cost of the ADO.NET
/// layer, not SQLite's B-trees, dominates row-at-a-time inserts).
/// </summary>
internal static class SqliteBatchWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static AppendResult Append(SqliteConnection connection, LedgerBatch batch, long recordedTicks)
    {
        long nextSeq = Scalar(connection, "SELECT COALESCE(MAX(seq), 0) + 1 FROM entries;");

        // Duplicates inside the batch: the first copy is the candidate. Sequence numbers are reserved for every
        // candidate; those that turn out to be duplicates of earlier batches leave gaps, which is allowed.
        var seen = new HashSet<(string, string)>();
        var candidates = new List<(LedgerReport Report, long FirstSeq)>(batch.Reports.Count);
        foreach (var report in batch.Reports)
        {
            if (!seen.Add((report.Scheme, report.ReportId))) continue;
            candidates.Add((report, nextSeq));
            nextSeq += report.Postings.Count;
        }
        if (candidates.Count == 0)
            return new AppendResult(0, batch.Reports.Count, 0);

        var inserted = InsertReports(connection, candidates);
        var ruleSets = RuleSetRefs(connection, candidates);
        var totals = new BatchTotals();
        int appended = 0, entries = 0;
        string entryRows = Json(writer =>
        {
            foreach (var (report, firstSeq) in candidates)
            {
                if (!inserted.Contains(firstSeq)) continue;
                appended++;
                long seq = firstSeq, reportTicks = report.ReportTime.UtcTicks;
                long ruleSet = ruleSets[(report.RuleSetId, report.RuleSetHash)];
                foreach (var posting in report.Postings)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(seq++);
                    writer.WriteStringValue(report.Scheme);
                    writer.WriteStringValue(report.ReportId);
                    writer.WriteStringValue(posting.Account);
                    writer.WriteStringValue(posting.Peer);
                    writer.WriteNumberValue((int)posting.Kind);
                    writer.WriteNumberValue(posting.Amount.Units);
                    writer.WriteNumberValue(posting.ActiveSeconds);
                    writer.WriteNumberValue(reportTicks);
                    writer.WriteNumberValue(ruleSet);
                    writer.WriteStringValue(posting.Reason);
                    writer.WriteStringValue(posting.Operator);
                    writer.WriteEndArray();
                    totals.Add(posting, reportTicks);
                    entries++;
                }
            }
        });
        if (entries > 0)
            Execute(connection,
                "INSERT INTO entries(seq, scheme, report_id, account, peer, kind, amount, active_seconds, report_time, rule_set_ref, " +
                "reason, operator, recorded_time) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, " +
                "value->>7, value->>8, value->>9, value->>10, value->>11, $recorded FROM json_each($rows);",
                ("$rows", entryRows), ("$recorded", recordedTicks));

        UpdateAccountTotals(connection, totals.Accounts);
        return new AppendResult(appended, batch.Reports.Count - appended, entries);
    }

    /// <summary>Records the candidates' ids; returns the first sequence numbers of those that were new.</summary>
    private static HashSet<long> InsertReports(SqliteConnection connection, List<(LedgerReport Report, long FirstSeq)> candidates)
    {
        string rows = Json(writer =>
        {
            foreach (var (report, firstSeq) in candidates)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(report.Scheme);
                writer.WriteStringValue(report.ReportId);
                writer.WriteNumberValue(firstSeq);
                writer.WriteNumberValue(report.Postings.Count);
                writer.WriteEndArray();
            }
        });
        using var command = Command(connection,
            // "WHERE true" keeps the upsert clause from parsing as a join constraint.
            "INSERT INTO reports(scheme, report_id, first_seq, entry_count) " +
            "SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each($rows) WHERE true " +
            "ON CONFLICT DO NOTHING RETURNING first_seq;",
            ("$rows", rows));
        var inserted = new HashSet<long>(candidates.Count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            inserted.Add(reader.GetInt64(0));
        return inserted;
    }

    private static Dictionary<(string, string), long> RuleSetRefs(SqliteConnection connection, List<(LedgerReport Report, long FirstSeq)> candidates)
    {
        var refs = new Dictionary<(string, string), long>();
        foreach (var (report, _) in candidates)
        {
            var key = (report.RuleSetId, report.RuleSetHash);
            if (refs.ContainsKey(key)) continue;
            refs[key] = Scalar(connection,
                "INSERT INTO rule_sets(rule_set_id, rule_set_hash) VALUES ($id, $hash) ON CONFLICT DO NOTHING; " +
                "SELECT ref FROM rule_sets WHERE rule_set_id = $id AND rule_set_hash = $hash;",
                ("$id", report.RuleSetId), ("$hash", report.RuleSetHash));
        }
        return refs;
    }

    private static void UpdateAccountTotals(SqliteConnection connection, Dictionary<string, TotalsDelta> deltas)
    {
        if (deltas.Count == 0) return;
        var stored = new Dictionary<string, TotalsRow>(deltas.Count, StringComparer.Ordinal);
        using (var read = Command(connection,
            // CROSS JOIN fixes the loop order: one primary-key probe per key, never a scan of the table.
            $"SELECT t.account, {Prefixed("t")} FROM json_each($keys) AS k CROSS JOIN account_totals AS t ON t.account = k.value;",
            ("$keys", Json(writer => { foreach (var account in deltas.Keys) writer.WriteStringValue(account); }))))
        using (var reader = read.ExecuteReader())
            while (reader.Read())
                stored[reader.GetString(0)] = SqliteLedgerStore.ReadTotals(reader, 1);

        string rows = Json(writer =>
        {
            foreach (var (account, delta) in deltas)
            {
                var row = stored.TryGetValue(account, out var existing) ? existing : TotalsRow.Empty;
                if (!delta.TryAddTo(row, out var sum, out var part))
                    throw BatchTotals.Overflow(account, part!);
                writer.WriteStartArray();
                writer.WriteStringValue(account);
                WriteTotals(writer, sum);
                writer.WriteEndArray();
            }
        });
        Upsert(connection, rows);
    }

    private static string Prefixed(string alias) =>
        string.Join(", ", SqliteLedgerStore.TotalsColumns.Split(", ").Select(c => $"{alias}.{c}"));

    private static void WriteTotals(Utf8JsonWriter writer, in TotalsRow row)
    {
        writer.WriteNumberValue(row.Total);
        writer.WriteNumberValue(row.Compute);
        writer.WriteNumberValue(row.Presence);
        writer.WriteNumberValue(row.Jobs);
        writer.WriteNumberValue(row.Boosts);
        writer.WriteNumberValue(row.Adjustments);
        writer.WriteNumberValue(row.ActiveSeconds);
        writer.WriteNumberValue(row.EntryCount);
        writer.WriteNumberValue(row.FirstSeen);
        writer.WriteNumberValue(row.LastSeen);
    }

    private static void Upsert(SqliteConnection connection, string rows)
    {
        string[] columns = ["account", .. SqliteLedgerStore.TotalsColumns.Split(", ")];
        string values = string.Join(", ", columns.Select((_, i) => $"value->>{i}"));
        string updates = string.Join(", ", columns.Skip(1).Select(c => $"{c} = excluded.{c}"));
        Execute(connection,
            $"INSERT INTO account_totals({string.Join(", ", columns)}) SELECT {values} FROM json_each($rows) WHERE true " +
            $"ON CONFLICT(account) DO UPDATE SET {updates};",
            ("$rows", rows));
    }

    private static string Json(Action<Utf8JsonWriter> writeItems)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return (long)command.ExecuteScalar()!;
    }
}
