namespace Scoring.Evaluation;

/// <summary>
/// Reports in columnar form (struct of arrays): one array per input of a <see cref="RuleProgram"/> —
/// <c>double[]</c>, <c>long[]</c>, <c>bool[]</c>, or <c>int[]</c> symbol ids for strings. Strings are encoded
/// against the program's <see cref="SymbolTable"/>; a string the rule set never mentions gets a batch-local id
/// <c>≥ Symbols.Count</c>, one per distinct string, so equality between string inputs stays exact.
/// Rows <c>0 .. Count-1</c> are valid; columns may be longer (capacity).
/// </summary>
public sealed class ReportBatch
{
    private readonly Array[] _columns;
    private readonly Dictionary<string, int> _localIds = new(StringComparer.Ordinal);
    private readonly List<string> _localStrings = [];

    /// <summary>Creates an empty batch for <paramref name="program"/>'s inputs.</summary>
    internal ReportBatch(RuleProgram program, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Inputs = program.Inputs;
        Symbols = program.Symbols;
        _columns = new Array[Inputs.Count];
        for (var i = 0; i < Inputs.Count; i++) _columns[i] = NewColumn(Inputs[i].Type, capacity);
        Capacity = capacity;
    }

    /// <summary>The columns' inputs, in column order.</summary>
    internal IReadOnlyList<IrInput> Inputs { get; }

    /// <summary>The rule set's symbols that string columns are encoded against.</summary>
    internal SymbolTable Symbols { get; }

    /// <summary>Number of valid rows.</summary>
    public int Count { get; private set; }

    /// <summary>Length of every column array.</summary>
    public int Capacity { get; private set; }

    /// <summary>All columns; the array itself stays the same object for the batch's life (growth replaces its items).</summary>
    internal Array[] Columns => _columns;

    /// <summary>The raw column array (<c>double[]</c>, <c>long[]</c>, <c>bool[]</c> or <c>int[]</c>).</summary>
    public Array Column(int column) => _columns[column];

    /// <summary>A Double column.</summary>
    public double[] DoubleColumn(int column) => (double[])_columns[column];

    /// <summary>An Int column.</summary>
    public long[] IntColumn(int column) => (long[])_columns[column];

    /// <summary>A Bool column.</summary>
    public bool[] BoolColumn(int column) => (bool[])_columns[column];

    /// <summary>A Symbol (string) column of ids.</summary>
    public int[] SymbolColumn(int column) => (int[])_columns[column];

    /// <summary>Appends a row of default values (0, false, and for strings the id of the empty string) and returns its index.</summary>
    public int AddRow()
    {
        if (Count == Capacity) Grow(Math.Max(16, Capacity * 2));
        var row = Count++;
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (Inputs[i].Type == IrType.Symbol) SymbolColumn(i)[row] = EncodeString(string.Empty);
        }
        return row;
    }

    /// <summary>Sets the number of valid rows directly, growing the columns if needed (for decoders that fill columns in place).</summary>
    public void SetCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > Capacity) Grow(count);
        Count = count;
    }

    /// <summary>Empties the batch (keeps the arrays and forgets batch-local strings).</summary>
    public void Clear()
    {
        Count = 0;
        _localIds.Clear();
        _localStrings.Clear();
    }

    /// <summary>Sets a Double cell.</summary>
    public void SetDouble(int column, int row, double value) => DoubleColumn(column)[CheckRow(row)] = value;

    /// <summary>Sets an Int cell.</summary>
    public void SetInt(int column, int row, long value) => IntColumn(column)[CheckRow(row)] = value;

    /// <summary>Sets a Bool cell.</summary>
    public void SetBool(int column, int row, bool value) => BoolColumn(column)[CheckRow(row)] = value;

    /// <summary>Sets a string cell, encoding it to a symbol id.</summary>
    public void SetString(int column, int row, string value) => SymbolColumn(column)[CheckRow(row)] = EncodeString(value);

    /// <summary>The id of <paramref name="value"/>: its rule-set symbol id, else a batch-local id ≥ <see cref="SymbolTable.Count"/>.</summary>
    public int EncodeString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Symbols.TryGetId(value, out var id)) return id;
        if (_localIds.TryGetValue(value, out id)) return id;
        id = Symbols.Count + _localStrings.Count;
        _localIds.Add(value, id);
        _localStrings.Add(value);
        return id;
    }

    /// <summary>The string of symbol id <paramref name="id"/>.</summary>
    public string DecodeString(int id) => id < Symbols.Count ? Symbols.Strings[id] : _localStrings[id - Symbols.Count];

    private int CheckRow(int row) => (uint)row < (uint)Count ? row : throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is not in 0..{Count - 1}.");

    private void Grow(int capacity)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var bigger = NewColumn(Inputs[i].Type, capacity);
            Array.Copy(_columns[i], bigger, Count);
            _columns[i] = bigger;
        }
        Capacity = capacity;
    }

    private static Array NewColumn(IrType type, int capacity) => type switch
    {
        IrType.Double => new double[capacity],
        IrType.Int => new long[capacity],
        IrType.Bool => new bool[capacity],
        _ => new int[capacity],
    };
}
