using Npgsql;
using NpgsqlTypes;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Appends entries inside the caller's transaction: one binary <c>COPY</c> straight into <c>entries</c> (the sequence
/// numbers each row as it arrives, in posting order), then the running totals, from deltas the client summed, in one
/// set-based upsert of <c>account_totals</c>, kind parts included. Why it is fast, and neither deadlocks nor loses
/// updates with several workers:
/// <list type="bullet">
/// <item>Per posting the server parses one binary row and inserts it with its two B-tree index entries (the BRIN index on
/// report time has nothing to do for a row appended to an unsummarized page range): no staging table, no
/// per-row trigger, no join. Kind and rule-set names are bound to their refs by the client (<see cref="CommittedRefs"/>),
/// which creates a missing one once.</item>
/// <item>Per (scheme, account) the server inserts or updates one row of <c>account_totals</c>, kind parts included,
/// whatever the batch holds: the client sums the batch (<see cref="BatchTotals"/>) and ships the sums as arrays.</item>
/// <item>Rows are locked in one global order: report keys (recorded before, in key order), then rule sets, kinds,
/// account totals, each by key (every INSERT … SELECT, upserts included, and the FOR UPDATE are ORDER BY
/// the key). A transaction waits only for locks later in that order than the ones it holds, so no cycle (deadlock) can
/// form between appends; PostgreSQL's deadlock detector and the store's retry remain as a safety net.</item>
/// <item>Totals are read-modify-written under a row lock (ON CONFLICT DO UPDATE SET total = total + delta), so
/// concurrent batches add up; bigint arithmetic (numeric for a sum beyond 64 bits) raises 22003 on overflow, which is
/// rolled back and reported as <see cref="LedgerOverflowException"/>.</item>
/// </list>
/// </summary>
internal sealed class PostgresBatchMerge(string s, CommittedRefs kinds, CommittedRefs ruleSets)
{
    private readonly string _copy =
        $"COPY {s}.entries(scheme, report_id, account, peer, kind, amount, active_seconds, report_time, recorded_time, " +
        "rule_set_ref, reason, operator) FROM STDIN (FORMAT BINARY)";

    // A kind is inserted only when it is missing, so the smallint identity is not spent on every conflict.
    private readonly string _createKinds =
        $"INSERT INTO {s}.kinds(name) SELECT n FROM unnest(@names) AS n WHERE NOT EXISTS (SELECT 1 FROM {s}.kinds k WHERE k.name = n) " +
        $"ORDER BY 1 ON CONFLICT DO NOTHING; SELECT name, ref FROM {s}.kinds WHERE name = ANY(@names);";

    private readonly string _createRuleSets =
        $"INSERT INTO {s}.rule_sets(rule_set_id, rule_set_hash) SELECT i, h FROM unnest(@ids, @hashes) AS x(i, h) " +
        $"WHERE NOT EXISTS (SELECT 1 FROM {s}.rule_sets r WHERE r.rule_set_id = x.i AND r.rule_set_hash = x.h) ORDER BY 1, 2 ON CONFLICT DO NOTHING; " +
        $"SELECT r.rule_set_id, r.rule_set_hash, r.ref FROM {s}.rule_sets r JOIN unnest(@ids, @hashes) AS x(i, h) ON r.rule_set_id = x.i AND r.rule_set_hash = x.h;";

    // One upsert: each row inserted or locked and added to in key order (the ORDER BY feeds the insert). The kind parts
    // travel as array literals (an array of arrays would be one rectangular array to PostgreSQL) and are added slot by
    // slot: a NULL slot is a kind the account never had, so it stays NULL only where both sides are. bigint + bigint
    // raises 22003 on overflow. Used when every sum of the call fits 64 bits, as it virtually always does.
    private readonly string _upsertTotals =
        $"INSERT INTO {s}.account_totals AS t(scheme, account, total, active_seconds, entry_count, first_seen, last_seen, parts) " +
        "SELECT sc, ac, total, active_seconds, entry_count, first_seen, last_seen, p::bigint[] " +
        "FROM unnest(@schemes, @accounts, @totals, @activeSeconds, @entryCounts, @firstSeen, @lastSeen, @parts) " +
        "AS d(sc, ac, total, active_seconds, entry_count, first_seen, last_seen, p) ORDER BY 1, 2 " +
        "ON CONFLICT (scheme, account) DO UPDATE SET total = t.total + EXCLUDED.total, active_seconds = t.active_seconds + EXCLUDED.active_seconds, " +
        "entry_count = t.entry_count + EXCLUDED.entry_count, first_seen = LEAST(t.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(t.last_seen, EXCLUDED.last_seen), " +
        "parts = ARRAY(SELECT COALESCE(x + y, x, y) FROM unnest(t.parts, EXCLUDED.parts) WITH ORDINALITY AS u(x, y, i) ORDER BY i);";

    // A sum beyond 64 bits may still fit once added to what is stored (a large credit to a deeply negative account), so
    // it cannot be an inserted value: missing rows are created with zeros, every touched row locked in key order, then
    // the numeric sums added and assigned to bigint (22003 when the result leaves 64 bits).
    private readonly string _addWideTotals =
        $"INSERT INTO {s}.account_totals(scheme, account, total, active_seconds, entry_count, first_seen, last_seen, parts) " +
        $"SELECT sc, ac, 0, 0, 0, {TotalsRow.NoFirstSeen}, {TotalsRow.NoLastSeen}, '{{}}' FROM unnest(@schemes, @accounts) AS d(sc, ac) ORDER BY 1, 2 ON CONFLICT DO NOTHING;\n" +
        $"SELECT 1 FROM {s}.account_totals t JOIN unnest(@schemes, @accounts) AS d(sc, ac) ON t.scheme = d.sc AND t.account = d.ac " +
        "ORDER BY t.scheme, t.account FOR UPDATE OF t;\n" +
        $"UPDATE {s}.account_totals t SET total = t.total + d.total, active_seconds = t.active_seconds + d.active_seconds, " +
        "entry_count = t.entry_count + d.entry_count, first_seen = LEAST(t.first_seen, d.first_seen), last_seen = GREATEST(t.last_seen, d.last_seen), " +
        "parts = ARRAY(SELECT CASE WHEN x IS NULL AND y IS NULL THEN NULL ELSE (COALESCE(x, 0) + COALESCE(y, 0))::bigint END " +
        "FROM unnest(t.parts::numeric[], d.p::numeric[]) WITH ORDINALITY AS u(x, y, i) ORDER BY i) " +
        "FROM unnest(@schemes, @accounts, @totals, @activeSeconds, @entryCounts, @firstSeen, @lastSeen, @parts) " +
        "AS d(sc, ac, total, active_seconds, entry_count, first_seen, last_seen, p) WHERE t.scheme = d.sc AND t.account = d.ac;";

    /// <summary>
    /// Appends one entry per posting of each report and adds them to the running totals. The caller holds a savepoint
    /// and rolls back to it when this throws. Kind and rule-set refs this call created or found go to
    /// <paramref name="refsToCache"/>: the caller adds them to the store's caches once the transaction commits.
    /// </summary>
    public async Task<int> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<LedgerReport> reports, long recordedTicks,
        PostgresRefsToCache refsToCache, CancellationToken cancellationToken)
    {
        var kindRefs = await KindRefsAsync(connection, reports, refsToCache, cancellationToken).ConfigureAwait(false);
        var ruleSetRefs = await RuleSetRefsAsync(connection, reports, refsToCache, cancellationToken).ConfigureAwait(false);
        var totals = new BatchTotals();
        int entries = await CopyAsync(connection, reports, recordedTicks, kindRefs, ruleSetRefs, totals, cancellationToken).ConfigureAwait(false);

        await transaction.SaveAsync("ledger_totals", cancellationToken).ConfigureAwait(false);
        try
        {
            await UpdateTotalsAsync(connection, totals, kindRefs, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.NumericValueOutOfRange)
        {
            await transaction.RollbackAsync("ledger_totals", cancellationToken).ConfigureAwait(false);
            throw await DescribeOverflowAsync(connection, totals, kindRefs, e, cancellationToken).ConfigureAwait(false);
        }
        await transaction.ReleaseAsync("ledger_totals", cancellationToken).ConfigureAwait(false);
        return entries;
    }

    /// <summary>The ref of every kind the reports use: from the cache, else created (or found) in this transaction.</summary>
    private async Task<Dictionary<string, short>> KindRefsAsync(
        NpgsqlConnection connection, IReadOnlyList<LedgerReport> reports, PostgresRefsToCache refsToCache, CancellationToken cancellationToken)
    {
        var refs = new Dictionary<string, short>(StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var report in reports)
        {
            foreach (var posting in report.Postings)
            {
                if (refs.ContainsKey(posting.Kind))
                    continue;
                if (kinds.TryGet(posting.Kind, out long cached))
                    refs[posting.Kind] = (short)cached;
                else if (!(missing ??= []).Contains(posting.Kind, StringComparer.Ordinal))
                    missing.Add(posting.Kind);
            }
        }
        if (missing is null)
            return refs;
        await using var command = new NpgsqlCommand(_createKinds, connection);
        command.Parameters.AddWithValue("names", missing.ToArray());
        // The reader starts at the SELECT: Npgsql skips statements that return no rows.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            short kindRef = reader.GetInt16(1);
            refs[reader.GetString(0)] = kindRef;
            refsToCache.Kinds.Add(KeyValuePair.Create(reader.GetString(0), (long)kindRef));
        }
        foreach (string kind in missing)
        {
            if (!refs.ContainsKey(kind))
                throw new InvalidOperationException($"The kind '{kind}' could not be recorded in schema {s} (the kinds table holds at most 32,767).");
        }
        return refs;
    }

    /// <summary>The ref of every (rule-set id, hash) the reports name: from the cache, else created (or found) here.</summary>
    private async Task<Dictionary<(string Id, string Hash), int>> RuleSetRefsAsync(
        NpgsqlConnection connection, IReadOnlyList<LedgerReport> reports, PostgresRefsToCache refsToCache, CancellationToken cancellationToken)
    {
        var refs = new Dictionary<(string Id, string Hash), int>();
        List<(string Id, string Hash)>? missing = null;
        foreach (var report in reports)
        {
            var key = (report.RuleSetId, report.RuleSetHash);
            if (refs.ContainsKey(key))
                continue;
            if (ruleSets.TryGet(RuleSetCacheKey(key), out long cached))
                refs[key] = (int)cached;
            else if (!(missing ??= []).Contains(key))
                missing.Add(key);
        }
        if (missing is null)
            return refs;
        await using var command = new NpgsqlCommand(_createRuleSets, connection);
        command.Parameters.AddWithValue("ids", missing.Select(m => m.Id).ToArray());
        command.Parameters.AddWithValue("hashes", missing.Select(m => m.Hash).ToArray());
        // The reader starts at the SELECT: Npgsql skips statements that return no rows.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            int ruleSetRef = reader.GetInt32(2);
            refs[key] = ruleSetRef;
            refsToCache.RuleSets.Add(KeyValuePair.Create(RuleSetCacheKey(key), (long)ruleSetRef));
        }
        if (missing.FirstOrDefault(m => !refs.ContainsKey(m)) is { Id: not null } lost)
            throw new InvalidOperationException($"The rule set {lost.Id} ({lost.Hash}) could not be recorded in schema {s}.");
        return refs;
    }

    /// <summary>The rule-set cache's key: the id and hash joined by NUL, which neither may contain (validated).</summary>
    internal static string RuleSetCacheKey((string Id, string Hash) ruleSet) => string.Concat(ruleSet.Id, "\0", ruleSet.Hash);

    /// <summary>Streams every posting as one binary row into <c>entries</c>, summing the totals as it goes; returns the rows.</summary>
    private async Task<int> CopyAsync(
        NpgsqlConnection connection, IReadOnlyList<LedgerReport> reports, long recordedTicks, Dictionary<string, short> kindRefs,
        Dictionary<(string Id, string Hash), int> ruleSetRefs, BatchTotals totals, CancellationToken cancellationToken)
    {
        int rows = 0;
        await using var writer = await connection.BeginBinaryImportAsync(_copy, cancellationToken).ConfigureAwait(false);
        (string? Name, short Ref) lastKind = default;
        foreach (var report in reports)
        {
            long reportTicks = report.ReportTime.UtcTicks;
            int ruleSetRef = ruleSetRefs[(report.RuleSetId, report.RuleSetHash)];
            foreach (var posting in report.Postings)
            {
                // Postings of a scheme mostly alternate between a few kinds: compare before hashing.
                if (!ReferenceEquals(lastKind.Name, posting.Kind) && !string.Equals(lastKind.Name, posting.Kind, StringComparison.Ordinal))
                    lastKind = (posting.Kind, kindRefs[posting.Kind]);
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.Scheme, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(report.ReportId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Account, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Peer, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(lastKind.Ref, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.Amount.Units, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(posting.ActiveSeconds, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(reportTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(recordedTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(ruleSetRef, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, posting.Reason, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(writer, posting.Operator, cancellationToken).ConfigureAwait(false);
                totals.Add(report.Scheme, posting, reportTicks);
                rows++;
            }
        }
        ulong copied = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return copied == (ulong)rows
            ? rows
            : throw new InvalidOperationException($"Only {copied} of {rows} entries were written to schema {s}.");
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
            await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        else
            await writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds the call's sums to the running totals in one statement: as bigint upserts when every sum fits 64 bits, else
    /// as numeric deltas (a batch's sum may pass 64 bits on its way).
    /// </summary>
    private async Task UpdateTotalsAsync(NpgsqlConnection connection, BatchTotals totals, Dictionary<string, short> kindRefs, CancellationToken cancellationToken)
    {
        var accounts = totals.Accounts;
        int n = accounts.Count, i = 0;
        var (schemes, names, parts) = (new string[n], new string[n], new Int128?[n][]);
        var (sums, activeSeconds, entryCounts) = (new Int128[n], new Int128[n], new Int128[n]);
        var (firstSeen, lastSeen) = (new long[n], new long[n]);
        foreach (var ((scheme, account), delta) in accounts)
        {
            var row = delta.Sums;
            (schemes[i], names[i]) = (scheme, account);
            (sums[i], activeSeconds[i], entryCounts[i]) = (row.Total, row.ActiveSeconds, row.EntryCount);
            (firstSeen[i], lastSeen[i]) = (row.FirstSeen, row.LastSeen);
            parts[i] = PostgresKindParts.Slots(delta.Kinds, kindRefs);
            i++;
        }

        bool narrow = sums.All(FitsInt64) && activeSeconds.All(FitsInt64) && entryCounts.All(FitsInt64)
            && parts.All(slots => slots.All(slot => slot is not { } sum || FitsInt64(sum)));
        await using var command = new NpgsqlCommand(narrow ? _upsertTotals : _addWideTotals, connection);
        command.Parameters.AddWithValue("schemes", schemes);
        command.Parameters.AddWithValue("accounts", names);
        AddSums(command, "totals", sums, narrow);
        AddSums(command, "activeSeconds", activeSeconds, narrow);
        AddSums(command, "entryCounts", entryCounts, narrow);
        command.Parameters.AddWithValue("firstSeen", firstSeen);
        command.Parameters.AddWithValue("lastSeen", lastSeen);
        command.Parameters.AddWithValue("parts", parts.Select(slots => PostgresKindParts.Literal(slots, narrow ? null : Numeric)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool FitsInt64(Int128 sum) => sum >= long.MinValue && sum <= long.MaxValue;

    private static void AddSums(NpgsqlCommand command, string name, IEnumerable<Int128> sums, bool narrow)
    {
        if (narrow)
            command.Parameters.AddWithValue(name, sums.Select(sum => (long)sum).ToArray());
        else
            command.Parameters.AddWithValue(name, sums.Select(Numeric).ToArray());
    }

    /// <summary>
    /// A 128-bit sum as numeric. A sum beyond decimal's 96 bits cannot fit any 64-bit total whatever is stored, so it is
    /// sent as the largest decimal of its sign, which overflows just the same.
    /// </summary>
    private static decimal Numeric(Int128 sum) =>
        sum > (Int128)decimal.MaxValue ? decimal.MaxValue : sum < (Int128)decimal.MinValue ? decimal.MinValue : (decimal)sum;

    /// <summary>Finds the first (scheme, account), in code-point order, whose totals would leave the 64-bit range, and which part.</summary>
    private async Task<LedgerOverflowException> DescribeOverflowAsync(
        NpgsqlConnection connection, BatchTotals totals, Dictionary<string, short> kindRefs, PostgresException error, CancellationToken cancellationToken)
    {
        var keys = totals.Accounts.Keys.ToArray();
        var stored = new Dictionary<(string, string), (TotalsRow Row, Dictionary<string, long> Kinds)>();
        var kindNames = kindRefs.ToDictionary(k => k.Value, k => k.Key);
        await using (var command = new NpgsqlCommand(
            $"SELECT t.scheme, t.account, t.total, t.active_seconds, t.entry_count, t.first_seen, t.last_seen FROM {s}.account_totals t " +
            "JOIN unnest(@schemes, @accounts) AS d(sc, ac) ON t.scheme = d.sc AND t.account = d.ac; " +
            $"SELECT t.scheme, t.account, t.kind, t.amount FROM {s}.kind_totals t " +
            "JOIN unnest(@schemes, @accounts) AS d(sc, ac) ON t.scheme = d.sc AND t.account = d.ac;", connection))
        {
            command.Parameters.AddWithValue("schemes", keys.Select(k => k.Scheme).ToArray());
            command.Parameters.AddWithValue("accounts", keys.Select(k => k.Account).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                stored[(reader.GetString(0), reader.GetString(1))] = (PostgresLedgerStore.ReadTotals(reader, 2), new Dictionary<string, long>(StringComparer.Ordinal));
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (stored.TryGetValue((reader.GetString(0), reader.GetString(1)), out var row) && kindNames.TryGetValue(reader.GetInt16(2), out string? kind))
                    row.Kinds[kind] = reader.GetInt64(3);
            }
        }
        foreach (var key in keys.OrderBy(k => k.Scheme, CodePointComparer.Instance).ThenBy(k => k.Account, CodePointComparer.Instance))
        {
            var (row, kindsOfRow) = stored.GetValueOrDefault(key, (TotalsRow.Empty, new Dictionary<string, long>(StringComparer.Ordinal)));
            if (!totals.Accounts[key].TryAddTo(row, kindsOfRow, out _, out _, out string? part))
                return new LedgerOverflowException(BatchTotals.Overflow(key.Scheme, key.Account, part!).Message, error);
        }
        return new LedgerOverflowException(
            "Appending the batch would overflow a running total beyond the 64-bit range; the batch was rejected and nothing of it was committed.", error);
    }
}
