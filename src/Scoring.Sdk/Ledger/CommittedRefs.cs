using System.Collections.Concurrent;

namespace Scoring.Ledger;

/// <summary>
/// A SQL store's committed name → ref pairs (the <c>kinds</c> or <c>names</c> table), kept per store so that rows bind
/// a number without a lookup per value. Refs never change once committed; pairs a transaction creates are added only
/// after it commits, so a rolled-back ref is never reused from here. Thread-safe.
/// </summary>
/// <param name="capacity">
/// The most pairs kept: past it the cache starts again, so a ledger with millions of producers costs a bounded amount of
/// memory (a ref that is not cached is looked up in its table).
/// </param>
internal sealed class CommittedRefs(int capacity = int.MaxValue)
{
    private readonly ConcurrentDictionary<string, long> _refs = new(StringComparer.Ordinal);

    public bool TryGet(string name, out long nameRef) => _refs.TryGetValue(name, out nameRef);

    /// <summary>Adds committed pairs.</summary>
    public void Add(IReadOnlyCollection<KeyValuePair<string, long>> committed)
    {
        if (_refs.Count + committed.Count > capacity)
            _refs.Clear();
        foreach (var (name, nameRef) in committed)
            _refs[name] = nameRef;
    }
}
