namespace Scoring.RuleSets;

/// <summary>
/// A key → number table, read in expressions as <c>name[key]</c>. Keys are <see cref="ScalarType.Int"/> or
/// <see cref="ScalarType.String"/>. A key that is not in the table yields <see cref="Default"/> when one is declared,
/// otherwise the report is voided with <c>MissingTableKey</c>.
/// </summary>
public sealed class LookupTable
{
    /// <summary>Creates a table; entries keep the given order (the canonical form sorts them).</summary>
    public LookupTable(string name, ScalarType keyType, IEnumerable<KeyValuePair<ScalarValue, double>> entries, double? defaultValue = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        KeyType = keyType;
        Entries = entries?.ToArray() ?? throw new ArgumentNullException(nameof(entries));
        Default = defaultValue;
    }

    /// <summary>The name used in expressions.</summary>
    public string Name { get; }

    /// <summary>The key type: <see cref="ScalarType.Int"/> or <see cref="ScalarType.String"/>.</summary>
    public ScalarType KeyType { get; }

    /// <summary>The entries in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<ScalarValue, double>> Entries { get; }

    /// <summary>The value for keys not in the table, or <see langword="null"/> to void such reports.</summary>
    public double? Default { get; }
}
