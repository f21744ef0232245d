using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>
/// A write transaction's prepared statements by SQL text: each is prepared on first use and kept, reset, until the
/// transaction ends. A transaction makes the same calls many times — a group commit records keys and appends entries
/// once per request body, each with 32-row statements and a shorter one for the rest — and preparing a statement
/// (parsing, planning) cost more than running it for the small calls of the swarm dashboard.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteStatement> _prepared = new(StringComparer.Ordinal);

    /// <summary>The transaction's connection.</summary>
    public SqliteConnection Connection => connection;

    /// <summary>The statement for <paramref name="sql"/>, ready to bind and run (every use resets it when done).</summary>
    public SqliteStatement Get(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var statement))
            _prepared.Add(sql, statement = new SqliteStatement(connection, sql));
        return statement;
    }

    /// <summary>Runs a statement that returns no rows.</summary>
    public int Execute(string sql) => Get(sql).Execute();

    /// <summary>Finalizes every statement: before the connection goes back to its pool.</summary>
    public void Dispose()
    {
        foreach (var statement in _prepared.Values)
            statement.Dispose();
        _prepared.Clear();
    }
}
