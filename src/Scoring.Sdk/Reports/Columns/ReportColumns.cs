namespace Scoring.Reports.Columns;

/// <summary>
/// The columns of one report type in a <see cref="ReportBlock"/>: one array per field of
/// <see cref="ReportType.Fields"/>, indexed by block row. Rows of another type hold the absent value (0, NaN, -1,
/// <see langword="false"/>); <see cref="ReportBlock.TypeIndexes"/> says which rows are this type's.
/// </summary>
public sealed class ReportColumns
{
    private readonly long[]?[] _ints;
    private readonly double[]?[] _doubles;
    private readonly int[]?[] _names;
    private readonly bool[]?[] _bools;
    private readonly Dictionary<string, int> _indexes;
    private int _capacity;

    internal ReportColumns(ReportType type, int capacity)
    {
        Type = type;
        var fields = type.Fields;
        _ints = new long[]?[fields.Count];
        _doubles = new double[]?[fields.Count];
        _names = new int[]?[fields.Count];
        _bools = new bool[]?[fields.Count];
        _indexes = new(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
            _indexes[fields[i].Name] = i;
        Grow(capacity);
    }

    /// <summary>The report type.</summary>
    public ReportType Type { get; }

    /// <summary>How many rows the columns hold (the block's row count).</summary>
    public int Count { get; private set; }

    /// <summary>The index of field <paramref name="name"/> in <see cref="ReportType.Fields"/>.</summary>
    /// <exception cref="ArgumentException">The type has no such field.</exception>
    public int IndexOf(string name) =>
        _indexes.TryGetValue(name, out var index) ? index : throw new ArgumentException($"Report type '{Type.Name}' has no field '{name}'.", nameof(name));

    /// <summary>An <see cref="ReportFieldType.Int"/> field's column.</summary>
    public ReadOnlySpan<long> Ints(int field) => Column(_ints, field, ReportFieldType.Int);

    /// <summary>A <see cref="ReportFieldType.Double"/> field's column (NaN for an omitted optional value).</summary>
    public ReadOnlySpan<double> Doubles(int field) => Column(_doubles, field, ReportFieldType.Double);

    /// <summary>A <see cref="ReportFieldType.String"/> field's column: ids into <see cref="ReportBlock.Names"/>, -1 where the line gave no value.</summary>
    public ReadOnlySpan<int> Names(int field) => Column(_names, field, ReportFieldType.String);

    /// <summary>A <see cref="ReportFieldType.Bool"/> field's column.</summary>
    public ReadOnlySpan<bool> Bools(int field) => Column(_bools, field, ReportFieldType.Bool);

    /// <summary>Fills rows from <see cref="Count"/> up to <paramref name="row"/> with absent values, so that <paramref name="row"/> is the next to write.</summary>
    internal void PadTo(int row)
    {
        if (row > _capacity)
            Grow(Math.Max(row, _capacity * 2));
        if (row <= Count)
            return;
        for (var field = 0; field < _indexes.Count; field++)
        {
            _ints[field]?.AsSpan(Count, row - Count).Clear();
            _doubles[field]?.AsSpan(Count, row - Count).Fill(double.NaN);
            _names[field]?.AsSpan(Count, row - Count).Fill(-1);
            _bools[field]?.AsSpan(Count, row - Count).Clear();
        }
        Count = row;
    }

    /// <summary>Makes room for <paramref name="row"/> (after <see cref="PadTo"/>) and counts it; the caller then sets its values.</summary>
    internal void AddRow(int row)
    {
        PadTo(row);
        if (row == _capacity)
            Grow(_capacity * 2);
        Count = row + 1;
    }

    /// <summary>Empties the columns for the next block, keeping their memory.</summary>
    internal void Clear() => Count = 0;

    internal void SetInt(int field, int row, long value) => _ints[field]![row] = value;

    internal void SetDouble(int field, int row, double value) => _doubles[field]![row] = value;

    internal void SetName(int field, int row, int id) => _names[field]![row] = id;

    internal void SetBool(int field, int row, bool value) => _bools[field]![row] = value;

    private ReadOnlySpan<T> Column<T>(T[]?[] columns, int field, ReportFieldType expected)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)field, (uint)_indexes.Count, nameof(field));
        return columns[field] is { } column
            ? column.AsSpan(0, Count)
            : throw new ArgumentException($"Field '{Type.Fields[field].Name}' of report type '{Type.Name}' is {Type.Fields[field].Type}, not {expected}.", nameof(field));
    }

    private void Grow(int capacity)
    {
        capacity = Math.Max(capacity, 16);
        for (var field = 0; field < _indexes.Count; field++)
        {
            switch (Type.Fields[field].Type)
            {
                case ReportFieldType.Int: Array.Resize(ref _ints[field], capacity); break;
                case ReportFieldType.Double: Array.Resize(ref _doubles[field], capacity); break;
                case ReportFieldType.String: Array.Resize(ref _names[field], capacity); break;
                default: Array.Resize(ref _bools[field], capacity); break;
            }
        }
        _capacity = capacity;
    }
}
