namespace Scoring.Evaluation;

/// <summary>
/// A lookup table in IR form: <see cref="Keys"/> sorted ascending and distinct (symbol ids for string keys,
/// integers for int keys), <see cref="Values"/> parallel to them, all finite. A key that is absent yields
/// <see cref="Default"/>, or voids the report with <see cref="EvaluationError.MissingTableKey"/> when there is none.
/// </summary>
internal sealed class IrTable
{
    /// <summary>Creates a table; keys must be sorted ascending and distinct.</summary>
    public IrTable(int index, string name, IrType keyType, long[] keys, double[] values, double? defaultValue)
    {
        if (keyType is not (IrType.Int or IrType.Symbol)) throw new ArgumentException("Table keys are Int or Symbol.", nameof(keyType));
        if (keys.Length != values.Length) throw new ArgumentException("Keys and values differ in length.", nameof(values));
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i - 1] >= keys[i]) throw new ArgumentException("Keys must be sorted ascending and distinct.", nameof(keys));
        }
        Index = index;
        Name = name;
        KeyType = keyType;
        Keys = keys;
        Values = values;
        Default = defaultValue;
    }

    /// <summary>Position in <see cref="RuleProgram.Tables"/>.</summary>
    public int Index { get; }

    /// <summary>The table's name in the rule set.</summary>
    public string Name { get; }

    /// <summary><see cref="IrType.Int"/> or <see cref="IrType.Symbol"/>.</summary>
    public IrType KeyType { get; }

    /// <summary>Sorted distinct keys.</summary>
    public IReadOnlyList<long> Keys { get; }

    /// <summary>Values parallel to <see cref="Keys"/>.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The value for absent keys, or <see langword="null"/>: absent keys void the report.</summary>
    public double? Default { get; }

    /// <summary>Index of <paramref name="key"/> in <see cref="Keys"/>, or -1.</summary>
    public int Find(long key)
    {
        int lo = 0, hi = Keys.Count - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = Keys[mid];
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>
    /// For symbol tables: values indexed by symbol id (length = the symbol count), NaN where absent — values are
    /// finite, so NaN marks absence unambiguously. Backends use it as a dense array.
    /// </summary>
    public double[] ToDenseBySymbol(int symbolCount)
    {
        if (KeyType != IrType.Symbol) throw new InvalidOperationException("Only symbol tables are dense.");
        var dense = new double[symbolCount];
        Array.Fill(dense, double.NaN);
        for (var i = 0; i < Keys.Count; i++) dense[Keys[i]] = Values[i];
        return dense;
    }
}
