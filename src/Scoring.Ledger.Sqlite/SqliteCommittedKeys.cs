using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// Reads committed report keys on a connection of its own, outside any write transaction: in WAL mode each lookup
/// reads the last committed snapshot and waits for no writer (<see cref="ICommittedKeysSource"/>).
/// </summary>
internal sealed class SqliteCommittedKeys : ICommittedKeys
{
    private readonly SqliteConnection _connection;
    private readonly SqliteStatements _statements;
    private readonly SqliteNames _names;

    public SqliteCommittedKeys(SqliteConnection connection, CommittedRefs committedNames)
    {
        _connection = connection;
        _statements = new SqliteStatements(connection);
        // Only looked up, never interned: a name this reader finds in the table is committed, so caching it here is safe.
        _names = new SqliteNames(_statements, committedNames);
    }

    public StoredKey[] Lookup(IReadOnlyList<ReportKey> keys) => SqliteKeyLookup.Lookup(_statements, _names, keys);

    public void Dispose()
    {
        _statements.Dispose();
        _connection.Dispose();
    }
}
