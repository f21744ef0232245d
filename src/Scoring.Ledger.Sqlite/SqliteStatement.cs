using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Scoring.Ledger;

/// <summary>
/// One statement prepared once per batch on the connection's native handle and stepped once per row. The batch
/// writer uses it instead of <see cref="SqliteCommand"/> because the ADO.NET layer's per-execution work (parameter
/// type mapping, reader objects, re-binding by name) costs more than SQLite's own B-tree insert; errors still
/// surface as <see cref="SqliteException"/> with SQLite's code, so busy retries and constraint messages are unchanged.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = ArrayPool<byte>.Shared.Rent(256);

    // What each parameter holds now. Bindings survive a reset, and consecutive rows repeat many values (the
    // scheme, the recorded time, zero parts, NULL reasons): a native call is made only when a value changes.
    private readonly long[] _numbers;
    private readonly string?[] _texts;
    private readonly Bound[] _bound;

    private enum Bound : byte { Nothing, Number, Text, Null }

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        int parameters = raw.sqlite3_bind_parameter_count(_statement) + 1;
        (_numbers, _texts, _bound) = (new long[parameters], new string?[parameters], new Bound[parameters]);
    }

    public void Bind(int index, long value)
    {
        if (_bound[index] == Bound.Number && _numbers[index] == value)
            return;
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        (_bound[index], _numbers[index]) = (Bound.Number, value);
    }

    /// <summary>Binds UTF-8 text (SQLite copies it); <see langword="null"/> binds SQL NULL.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            if (_bound[index] == Bound.Null)
                return;
            Check(raw.sqlite3_bind_null(_statement, index));
            _bound[index] = Bound.Null;
            return;
        }
        // Equal text is often a different string instance (a producer or account id built per report): comparing
        // the characters costs less than the native call, its SafeHandle add-ref and SQLite's mutex.
        if (_bound[index] == Bound.Text && string.Equals(_texts[index], value, StringComparison.Ordinal))
            return;
        Check(raw.sqlite3_bind_text(_statement, index, Utf8(value)));
        (_bound[index], _texts[index]) = (Bound.Text, value);
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/> in the statement's reused buffer (SQLite copies what is bound).</summary>
    private ReadOnlySpan<byte> Utf8(ReadOnlySpan<char> text)
    {
        int most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _utf8.Length)
        {
            ArrayPool<byte>.Shared.Return(_utf8);
            _utf8 = ArrayPool<byte>.Shared.Rent(most);
        }
        return _utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, _utf8));
    }

    /// <summary>
    /// Binds a report id in its stored form (<see cref="SqliteReportIds"/>): the part after its producer's name as a
    /// BLOB when the id starts with that name, else the id as text.
    /// </summary>
    public void BindReportId(int index, string reportId, string producer)
    {
        if (!SqliteReportIds.StartsWithProducer(reportId, producer))
        {
            Bind(index, reportId);
            return;
        }
        Check(raw.sqlite3_bind_blob(_statement, index, Utf8(reportId.AsSpan(producer.Length))));
        _bound[index] = Bound.Nothing;
    }

    /// <summary>Binds a BLOB (SQLite copies it); an empty array binds an empty BLOB, not NULL.</summary>
    public void Bind(int index, byte[] value)
    {
        // Values are not remembered: a BLOB is bound once per row anyway, and comparing would cost as much as binding.
        Check(value.Length == 0
            ? raw.sqlite3_bind_zeroblob(_statement, index, 0)
            : raw.sqlite3_bind_blob(_statement, index, value));
        _bound[index] = Bound.Nothing;
    }

    /// <summary>Runs a statement that returns no rows; returns the number of rows it changed.</summary>
    public int Execute()
    {
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
            Check(rc);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Steps to the next row (the first on a fresh statement); false, and reset, after the last. Call <see cref="Reset"/> when stopping early.</summary>
    public bool Read()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
            return true;
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
            Check(rc);
        return false;
    }

    /// <summary>The rowid of the connection's last successful INSERT.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Reads a report id stored by <see cref="BindReportId"/>, given its producer's name.</summary>
    public string GetReportId(int column, string producer) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_BLOB
            ? string.Concat(producer, Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column)))
            : GetString(column);

    /// <summary>Rows changed by the connection's last completed statement.</summary>
    public int Changes => raw.sqlite3_changes(_db);

    public long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public byte[] GetBlob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose()
    {
        _statement.Dispose();
        ArrayPool<byte>.Shared.Return(_utf8);
        _utf8 = [];
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
