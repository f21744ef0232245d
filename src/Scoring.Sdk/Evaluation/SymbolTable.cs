namespace Scoring.Evaluation;

/// <summary>
/// The interned strings of one compiled rule set: every string literal, string parameter, string table key and
/// <c>in</c>-list string gets an id <c>0 .. Count-1</c> (ordinal order of the strings, so ids are deterministic).
/// A <see cref="ReportBatch"/> encodes string inputs with these ids and gives any other string a fresh id
/// <c>≥ Count</c> (one per distinct string in the batch), so that string equality is exact on ids and a lookup of an
/// id ≥ <see cref="Count"/> is a missing key.
/// </summary>
internal sealed class SymbolTable
{
    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a symbol table over the given strings (duplicates are merged).</summary>
    public SymbolTable(IEnumerable<string> strings)
    {
        Strings = strings.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _ids = new Dictionary<string, int>(Strings.Count, StringComparer.Ordinal);
        for (var i = 0; i < Strings.Count; i++) _ids.Add(Strings[i], i);
    }

    /// <summary>The strings, indexed by id.</summary>
    public IReadOnlyList<string> Strings { get; }

    /// <summary>The number of rule-set symbols; batch-local ids start here.</summary>
    public int Count => Strings.Count;

    /// <summary>The id of <paramref name="value"/>, when it is a rule-set symbol.</summary>
    public bool TryGetId(string value, out int id) => _ids.TryGetValue(value, out id);

    /// <summary>The id of a string that must be a rule-set symbol.</summary>
    public int GetId(string value) => _ids.TryGetValue(value, out var id) ? id : throw new KeyNotFoundException($"'{value}' is not a symbol of this rule set.");
}
