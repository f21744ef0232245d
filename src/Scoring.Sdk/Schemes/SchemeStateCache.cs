using System.Text.Json.Serialization.Metadata;

namespace Scoring.Schemes;

/// <summary>
/// Decoded values of a scheme's durable state that one scorer keeps from one transaction to the next: a value it wrote
/// or read (<see cref="SchemeState.Set{T}(string, T, SchemeStateCache{T})"/>,
/// <see cref="SchemeState.GetAsync{T}(IReadOnlyCollection{string}, SchemeStateCache{T}, CancellationToken)"/>) is handed
/// out again instead of deserialized while the ledger still holds exactly the bytes it was written as or read from. A
/// change by another writer, or a transaction that was rolled back, leaves other bytes in the ledger, and the value is
/// then read from them: the cache never changes what a scorer sees, only what reading it costs. It pays where the same
/// keys are read by many small transactions, as a server's group commits read the same accounts again and again (the
/// swarm dashboard spent a third of its writing loop's own time deserializing account state).
/// </summary>
/// <remarks>
/// Values are shared between transactions, so they must be immutable (records of immutable members), and a value must
/// deserialize from its own serialized bytes to an equal value (what <see cref="SchemeState"/> would hand out
/// otherwise). At most <see cref="Capacity"/> keys are kept; when a new key finds the cache full it is emptied and
/// starts over, which bounds its memory and costs only re-reads. Thread-safe.
/// </remarks>
/// <typeparam name="T">The state's value type.</typeparam>
public sealed class SchemeStateCache<T>
    where T : class
{
    private readonly Dictionary<string, (byte[] Bytes, T Value)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates an empty cache.</summary>
    /// <param name="type">The value type's serialization metadata (source-generated).</param>
    /// <param name="capacity">The most keys kept, 1 or more.</param>
    public SchemeStateCache(JsonTypeInfo<T> type, int capacity = 16_384)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Type = type;
        Capacity = capacity;
    }

    /// <summary>The value type's serialization metadata.</summary>
    public JsonTypeInfo<T> Type { get; }

    /// <summary>The most keys kept.</summary>
    public int Capacity { get; }

    /// <summary>How many keys are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    /// <summary>The value kept for <paramref name="key"/> when it was kept for exactly <paramref name="stored"/>.</summary>
    internal bool TryGet(string key, byte[] stored, out T value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Bytes.AsSpan().SequenceEqual(stored))
            {
                value = entry.Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> as what <paramref name="bytes"/> of <paramref name="key"/> read as.</summary>
    internal void Remember(string key, byte[] bytes, T value)
    {
        lock (_lock)
        {
            if (_entries.Count >= Capacity && !_entries.ContainsKey(key))
                _entries.Clear();
            _entries[key] = (bytes, value);
        }
    }
}
