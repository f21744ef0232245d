using Npgsql;
using NpgsqlTypes;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Looks report keys up on the <c>reports</c> primary key in one statement: the write transaction's classification and
/// the committed-key readers of the decoding side (<see cref="PostgresCommittedKeys"/>) use the same one.
/// </summary>
internal static class PostgresKeyLookup
{
    /// <summary>
    /// The look-up in schema <paramref name="s"/> (quoted): one primary-key probe per key whatever the planner believes
    /// about the table (LIMIT keeps the subquery from being flattened into a join it could plan as a scan of every key
    /// ever recorded). Yields each found key's 1-based position and stored hash.
    /// </summary>
    public static string Sql(string s) =>
        "SELECT k.i, r.content_hash FROM unnest(@schemes, @producers, @ids) WITH ORDINALITY AS k(scheme, producer, report_id, i), " +
        $"LATERAL (SELECT content_hash FROM {s}.reports r WHERE r.scheme = k.scheme AND r.report_id = k.report_id AND r.producer = k.producer LIMIT 1) r;";

    /// <summary>Binds the keys' schemes, producers and ids as the arrays <c>@schemes</c>, <c>@producers</c> and <c>@ids</c>.</summary>
    public static void AddKeys(NpgsqlCommand command, IReadOnlyList<ReportKey> keys)
    {
        var (schemes, producers, ids) = (new string[keys.Count], new string[keys.Count], new string[keys.Count]);
        for (int i = 0; i < keys.Count; i++)
            (schemes[i], producers[i], ids[i]) = (keys[i].Scheme, keys[i].Producer, keys[i].ReportId);
        command.Parameters.Add(new NpgsqlParameter("schemes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = schemes });
        command.Parameters.Add(new NpgsqlParameter("producers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = producers });
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
    }

    /// <summary>Reads the look-up's rows into one <see cref="StoredKey"/> per key (absent where no row came).</summary>
    public static void Read(NpgsqlDataReader reader, StoredKey[] stored) =>
        stored[reader.GetInt64(0) - 1] = new StoredKey(true, reader.IsDBNull(1) ? null : reader.GetInt64(1));
}
