namespace Scoring.Ledger;

/// <summary>
/// A SQL store's committed kind name → ref pairs (the <c>kinds</c> table), kept per store so that entries bind a number
/// without a lookup per posting. Refs never change once committed; pairs a transaction creates are added only after it
/// commits, so a rolled-back ref is never reused from here. Thread-safe: readers see an immutable snapshot.
/// </summary>
internal sealed class KindRefs
{
    private volatile Dictionary<string, long> _refs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryGet(string name, out long kindRef) => _refs.TryGetValue(name, out kindRef);

    /// <summary>Adds committed pairs (copy on write: lookups never take the lock).</summary>
    public void Add(IEnumerable<KeyValuePair<string, long>> committed)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, long>(_refs, StringComparer.Ordinal);
            foreach (var (name, kindRef) in committed)
                next[name] = kindRef;
            _refs = next;
        }
    }
}
