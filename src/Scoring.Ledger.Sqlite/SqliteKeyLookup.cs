namespace Scoring.Ledger;

/// <summary>
/// Looks report keys up on the <c>reports</c> primary key, 32 per statement: the write transaction's classification and
/// the committed-key readers of the decoding side (<see cref="SqliteCommittedKeys"/>) use the same statements.
/// </summary>
internal static class SqliteKeyLookup
{
    private const int Chunk = 32;

    private static readonly string[] Sqls = [.. Enumerable.Range(0, Chunk + 1).Select(Sql)];

    /// <summary>For each key, whether the connection's view of the ledger holds it, and its stored hash.</summary>
    public static StoredKey[] Lookup(SqliteStatements statements, SqliteNames names, IReadOnlyList<ReportKey> keys)
    {
        // A key whose scheme or producer has no name ref cannot be recorded. The others are looked up 32 per statement,
        // each on the reports primary key; a key that is not there costs a B-tree probe inside SQLite and no row, so
        // classifying new keys takes one statement step per 32 of them.
        var stored = new StoredKey[keys.Count];
        Span<int> probes = stackalloc int[Chunk];
        Span<long> schemes = stackalloc long[Chunk];
        Span<long> producers = stackalloc long[Chunk];
        int next = 0;
        while (next < keys.Count)
        {
            int count = 0;
            for (; next < keys.Count && count < Chunk; next++)
            {
                var key = keys[next];
                if (names.TryFind(key.Scheme, out schemes[count]) && names.TryFind(key.Producer, out producers[count]))
                    probes[count++] = next;
            }
            if (count == 0)
                continue;
            var lookup = statements.Get(Sqls[count]);
            for (int i = 0; i < count; i++)
            {
                var key = keys[probes[i]];
                lookup.Bind(3 * i + 1, schemes[i]);
                lookup.BindReportId(3 * i + 2, key.ReportId, key.Producer);
                lookup.Bind(3 * i + 3, producers[i]);
            }
            while (lookup.Read())
                stored[probes[(int)lookup.GetInt64(0)]] = new StoredKey(true, lookup.IsNull(1) ? null : lookup.GetInt64(1));
        }
        return stored;
    }

    /// <summary>A lookup of <paramref name="count"/> keys, each row of the VALUES list carrying its position in the chunk.</summary>
    private static string Sql(int count) =>
        "SELECT k.column4, r.content_hash FROM (VALUES " +
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"(?{3 * i + 1}, ?{3 * i + 2}, ?{3 * i + 3}, {i})")) +
        ") AS k JOIN reports r ON r.scheme = k.column1 AND r.report_id = k.column2 AND r.producer = k.column3;";
}
