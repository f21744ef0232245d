using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Scoring.Ledger;

namespace Scoring.Schemes;

/// <summary>
/// A scheme's durable state inside one ledger transaction: values under string keys (serialized with
/// System.Text.Json source-generated metadata), read on demand and written back when the batch commits, in the same
/// transaction as the entries they produced. So the ledger stays a function of the accepted reports, whatever the
/// restarts, crashes or concurrent writers. Keys are the scheme's own (e.g. one per account), 1–1024 characters.
/// </summary>
public sealed class SchemeState
{
    private readonly string _scheme;
    private readonly ILedgerTransaction _transaction;
    // Changes not yet written: a later read in the same batch sees them. Null = removed. Kept in code-point order, the
    // order every store scans in, so a scan can merge the two (UTF-16 order differs above U+FFFF).
    private readonly SortedDictionary<string, byte[]?> _changes = new(CodePointComparer.Instance);

    internal SchemeState(string scheme, ILedgerTransaction transaction)
    {
        _scheme = scheme;
        _transaction = transaction;
    }

    /// <summary>Reads the values of <paramref name="keys"/> that exist.</summary>
    public ValueTask<IReadOnlyDictionary<string, T>> GetAsync<T>(IReadOnlyCollection<string> keys, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ReadAsync(keys, (key, bytes) => Deserialize(key, bytes, type), cancellationToken);
    }

    /// <summary>
    /// Reads the values of <paramref name="keys"/> that exist, handing out the value <paramref name="cache"/> kept for a
    /// key while the ledger holds exactly the bytes it was kept for (see <see cref="SchemeStateCache{T}"/>).
    /// </summary>
    public ValueTask<IReadOnlyDictionary<string, T>> GetAsync<T>(IReadOnlyCollection<string> keys, SchemeStateCache<T> cache, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(cache);
        return ReadAsync(keys, (key, bytes) =>
        {
            if (cache.TryGet(key, bytes, out var kept))
                return kept;
            var value = Deserialize(key, bytes, cache.Type);
            cache.Remember(key, bytes, value);
            return value;
        }, cancellationToken);
    }

    private async ValueTask<IReadOnlyDictionary<string, T>> ReadAsync<T>(IReadOnlyCollection<string> keys, Func<string, byte[], T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, T>(keys.Count, StringComparer.Ordinal);
        var stored = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            if (_changes.TryGetValue(key, out var changed))
            {
                if (changed is not null)
                    result[key] = read(key, changed);
            }
            else
            {
                stored.Add(key);
            }
        }
        if (stored.Count > 0)
        {
            foreach (var (key, value) in await _transaction.GetStateAsync(_scheme, stored, cancellationToken).ConfigureAwait(false))
                result[key] = read(key, value);
        }
        return result;
    }

    /// <summary>Reads one value, or the default when the key does not exist.</summary>
    public async ValueTask<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        var found = await GetAsync([key], type, cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(key, out var value) ? value : default;
    }

    /// <summary>Every key under <paramref name="prefix"/> with its value, in ordinal (code point) key order, each key once.</summary>
    public async IAsyncEnumerable<KeyValuePair<string, T>> ScanAsync<T>(string prefix, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(type);
        // Merge the stored keys with this batch's changes, both in code-point order.
        var changes = _changes.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        int next = 0;
        await foreach (var (key, value) in _transaction.ScanStateAsync(_scheme, prefix, cancellationToken).ConfigureAwait(false))
        {
            for (; next < changes.Count && CodePointComparer.Instance.Compare(changes[next].Key, key) < 0; next++)
            {
                if (changes[next].Value is { } added)
                    yield return new(changes[next].Key, Deserialize(changes[next].Key, added, type));
            }
            if (next < changes.Count && changes[next].Key == key)
            {
                if (changes[next].Value is { } replaced)
                    yield return new(key, Deserialize(key, replaced, type));
                next++;
                continue;
            }
            yield return new(key, Deserialize(key, value, type));
        }
        for (; next < changes.Count; next++)
        {
            if (changes[next].Value is { } added)
                yield return new(changes[next].Key, Deserialize(changes[next].Key, added, type));
        }
    }

    /// <summary>Sets a value (written when the batch commits).</summary>
    public void Set<T>(string key, T value, JsonTypeInfo<T> type)
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(type);
        _changes[key] = JsonSerializer.SerializeToUtf8Bytes(value, type);
    }

    /// <summary>
    /// Sets a value (written when the batch commits) and keeps it in <paramref name="cache"/> as what its bytes read as, so a
    /// later batch that finds those bytes in the ledger gets <paramref name="value"/> without deserializing them.
    /// </summary>
    public void Set<T>(string key, T value, SchemeStateCache<T> cache)
        where T : class
    {
        CheckKey(key);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(value);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, cache.Type);
        _changes[key] = bytes;
        cache.Remember(key, bytes, value);
    }

    /// <summary>Removes a key (when the batch commits).</summary>
    public void Remove(string key)
    {
        CheckKey(key);
        _changes[key] = null;
    }

    internal ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_changes.Count == 0)
            return ValueTask.CompletedTask;
        var changes = _changes.ToList();
        _changes.Clear();
        return _transaction.PutStateAsync(_scheme, changes, cancellationToken);
    }

    private T Deserialize<T>(string key, byte[] value, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(value, type)
                ?? throw new InvalidDataException($"The ledger's state '{key}' of scheme '{_scheme}' is null.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The ledger's state '{key}' of scheme '{_scheme}' cannot be read as {typeof(T).Name}: {exception.Message}", exception);
        }
    }

    private static void CheckKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > LedgerState.MaxKeyLength)
            throw new ArgumentException($"A state key must be 1 to {LedgerState.MaxKeyLength} characters, not {key.Length}.", nameof(key));
    }
}
