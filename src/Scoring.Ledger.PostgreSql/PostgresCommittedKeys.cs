using Npgsql;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Reads committed report keys outside any write transaction (<see cref="ICommittedKeysSource"/>): each look-up takes a
/// pooled connection for one statement, which sees what was committed when it started and waits for no writer.
/// </summary>
internal sealed class PostgresCommittedKeys(NpgsqlDataSource dataSource, string quotedSchema) : ICommittedKeys
{
    private readonly string _sql = PostgresKeyLookup.Sql(quotedSchema);

    public StoredKey[] Lookup(IReadOnlyList<ReportKey> keys)
    {
        var stored = new StoredKey[keys.Count];
        if (keys.Count == 0)
            return stored;
        try
        {
            // Synchronous: the decoding workers that call this are plain threads doing CPU work between look-ups.
            using var command = dataSource.CreateCommand(_sql);
            PostgresKeyLookup.AddKeys(command, keys);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                PostgresKeyLookup.Read(reader, stored);
            return stored;
        }
        catch (NpgsqlException e) when (e.IsTransient)
        {
            // A dropped connection or a server restarting: "not found" leaves every verdict to the writer, whose
            // transactions the store retries, instead of failing the run for a look-up that only saves time.
            return new StoredKey[keys.Count];
        }
    }

    public void Dispose()
    {
        // Nothing held between look-ups: each one returned its connection to the data source's pool.
    }
}
