namespace Scoring.Reports.Columns;

/// <summary>A decoder's report types, indexed in registration order, found by UTF-8 name or by instance.</summary>
internal sealed class ColumnarTypes
{
    private readonly ColumnarType[] _types;
    private readonly Dictionary<ReportType, int> _indexes = new(ReferenceEqualityComparer.Instance);

    public ColumnarTypes(ReportDecoder decoder)
    {
        _types = decoder.Types.Values.Select((type, index) => new ColumnarType(index, type)).ToArray();
        foreach (var type in _types)
            _indexes[type.Type] = type.Index;
        Types = _types.Select(t => t.Type).ToArray();
        MaxFields = _types.Max(t => t.FieldTypes.Length);
    }

    public IReadOnlyList<ReportType> Types { get; }

    public int MaxFields { get; }

    public ColumnarType this[int index] => _types[index];

    public ColumnarType? Find(ReadOnlySpan<byte> utf8Name)
    {
        foreach (var type in _types)
        {
            if (utf8Name.SequenceEqual(type.Name))
                return type;
        }
        return null;
    }

    public bool TryGetIndex(ReportType type, out int index) => _indexes.TryGetValue(type, out index);

    /// <exception cref="InvalidOperationException">A report type returned a report of a type the decoder does not know.</exception>
    public int IndexOf(ReportType type) =>
        TryGetIndex(type, out var index) ? index : throw new InvalidOperationException($"A report of type '{type.Name}' came from a decoder that does not register that type.");
}
