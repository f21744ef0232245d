using System.Collections.Concurrent;

namespace Scoring.Ledger;

/// <summary>
/// An INSERT of many rows in statements of <see cref="RowsPerStatement"/> rows each
/// (<c>VALUES (?1, ?2), (?3, ?4), …</c>): one statement step per chunk instead of one per row, which is what
/// the per-step work (VDBE start-up, statement reset, native calls) costs at hundreds of thousands of rows per
/// second. Row <c>i</c> of a chunk binds its columns from parameter <c>i · columns + 1</c>.
/// </summary>
internal sealed class SqliteRowsInsert
{
    /// <summary>Rows per full statement: 32 rows of 13 columns use 416 of SQLite's 32,766 parameters.</summary>
    public const int RowsPerStatement = 32;

    // The SQL of every (statement, row count) used so far: the same few statements in every transaction.
    private static readonly ConcurrentDictionary<(string Head, int Columns, string Tail, int Rows), string> SqlTexts = new();

    private readonly SqliteStatements _statements;
    private readonly string _head;
    private readonly string _tail;
    private readonly int _columns;
    private SqliteStatement? _full;

    /// <param name="statements">The caller's transaction's statements (each prepared once per transaction).</param>
    /// <param name="head">The statement up to <c>VALUES</c>, e.g. <c>INSERT INTO t(a, b)</c>.</param>
    /// <param name="columns">Values per row.</param>
    /// <param name="tail">What follows the rows, e.g. <c>ON CONFLICT DO NOTHING RETURNING a</c>.</param>
    public SqliteRowsInsert(SqliteStatements statements, string head, int columns, string tail = "")
    {
        (_statements, _head, _columns, _tail) = (statements, head, columns, tail);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/>: <paramref name="bind"/> binds one row at a parameter offset;
    /// <paramref name="returned"/>, when given, reads each row a RETURNING clause yields.
    /// </summary>
    public void Run<T>(IReadOnlyList<T> rows, Action<SqliteStatement, int, T> bind, Action<SqliteStatement>? returned = null)
    {
        for (int start = 0; start < rows.Count; start += RowsPerStatement)
            RunChunk(rows, start, Math.Min(RowsPerStatement, rows.Count - start), bind, returned);
    }

    /// <summary>Inserts rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 (at most <see cref="RowsPerStatement"/>) in one statement; returns the number of rows it changed.</summary>
    public int RunChunk<T>(IReadOnlyList<T> rows, int start, int count, Action<SqliteStatement, int, T> bind, Action<SqliteStatement>? returned = null)
    {
        Chunk = (start, count);
        // The full-size statement is looked up once per insert, a shorter one (at most one per call) each time.
        var statement = count == RowsPerStatement ? _full ??= Statement(count) : Statement(count);
        for (int i = 0; i < count; i++)
            bind(statement, i * _columns, rows[start + i]);
        if (returned is null)
            return statement.Execute();
        while (statement.Read())
            returned(statement);
        return statement.Changes;
    }

    /// <summary>
    /// The rows of the statement run last (the one that failed, when <see cref="Run{T}"/> throws). A failed statement
    /// leaves none of its rows under SQLite's default conflict handling (ABORT); under <c>INSERT OR FAIL</c> the rows
    /// before the failing one stay, for the caller's savepoint to take back. The statements before it stay either way.
    /// </summary>
    public (int Start, int Count) Chunk { get; private set; }

    private SqliteStatement Statement(int rows) =>
        _statements.Get(SqlTexts.GetOrAdd((_head, _columns, _tail, rows), static key => Sql(key.Head, key.Columns, key.Tail, key.Rows)));

    private static string Sql(string head, int columns, string tail, int rows) =>
        $"{head} VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", Enumerable.Range(r * columns + 1, columns).Select(p => $"?{p}")) + ")")) +
        $" {tail};";
}
