using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Scoring.Ledger;

/// <summary>
/// An account's (or peer's) points split by posting kind: an immutable map from kind to the sum of that kind's
/// entries, ordered by kind (ordinal). Their sum is the total.
/// </summary>
/// <remarks>
/// A kind is present when the totals include at least one entry of it, even when its amounts sum to zero (a
/// zero-point job still shows that jobs were done); a kind without entries is absent, and <see cref="Of"/> reads it
/// as zero. Two parts are equal when they hold the same kinds with the same amounts.
/// </remarks>
public sealed class ScoreParts : IReadOnlyDictionary<string, Points>, IEquatable<ScoreParts>
{
    private readonly string[] _kinds;
    private readonly Points[] _amounts;

    /// <summary>Creates parts from (kind, amount) pairs in any order.</summary>
    /// <param name="parts">The parts; each kind at most once.</param>
    /// <exception cref="ArgumentException">A kind is null or occurs twice.</exception>
    public ScoreParts(IEnumerable<KeyValuePair<string, Points>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        _kinds = new string[list.Count];
        _amounts = new Points[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            _kinds[i] = list[i].Key ?? throw new ArgumentException("A part's kind must not be null.", nameof(parts));
            _amounts[i] = list[i].Value;
        }
        Array.Sort(_kinds, _amounts, StringComparer.Ordinal);
        for (int i = 1; i < _kinds.Length; i++)
            if (_kinds[i] == _kinds[i - 1])
                throw new ArgumentException($"The kind '{_kinds[i]}' occurs more than once.", nameof(parts));
    }

    // Stores build parts from rows they have already grouped by kind.
    private ScoreParts(string[] kinds, Points[] amounts) => (_kinds, _amounts) = (kinds, amounts);

    /// <summary>No parts.</summary>
    public static ScoreParts Empty { get; } = new([], []);

    /// <summary>The amount of <paramref name="kind"/>, or <see cref="Points.Zero"/> when there is no entry of it.</summary>
    /// <param name="kind">The posting kind, e.g. <c>compute</c>.</param>
    public Points Of(string kind) => TryGetValue(kind, out var amount) ? amount : Points.Zero;

    /// <inheritdoc />
    public Points this[string key] =>
        TryGetValue(key, out var amount) ? amount : throw new KeyNotFoundException($"There is no '{key}' part.");

    /// <summary>The kinds, in ordinal order.</summary>
    public IEnumerable<string> Keys => _kinds;

    /// <summary>The amounts, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<Points> Values => _amounts;

    /// <inheritdoc />
    public int Count => _kinds.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Points value)
    {
        int index = IndexOf(key);
        value = index >= 0 ? _amounts[index] : default;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Points>> GetEnumerator()
    {
        for (int i = 0; i < _kinds.Length; i++)
            yield return new KeyValuePair<string, Points>(_kinds[i], _amounts[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals([NotNullWhen(true)] ScoreParts? other) =>
        other is not null && _kinds.AsSpan().SequenceEqual(other._kinds) && _amounts.AsSpan().SequenceEqual(other._amounts);

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => Equals(obj as ScoreParts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (int i = 0; i < _kinds.Length; i++)
        {
            hash.Add(_kinds[i], StringComparer.Ordinal);
            hash.Add(_amounts[i]);
        }
        return hash.ToHashCode();
    }

    /// <summary>Whether two parts hold the same kinds with the same amounts.</summary>
    public static bool operator ==(ScoreParts? left, ScoreParts? right) => left?.Equals(right) ?? right is null;

    /// <summary>Whether two parts differ.</summary>
    public static bool operator !=(ScoreParts? left, ScoreParts? right) => !(left == right);

    /// <summary>The parts as <c>kind=amount</c> pairs, e.g. <c>compute=1.5, slash=-0.2</c>.</summary>
    public override string ToString() => string.Join(", ", this.Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Builds parts from kind names and amounts in raw units (unsorted, each kind once).</summary>
    internal static ScoreParts FromUnits(IEnumerable<KeyValuePair<string, long>> parts)
    {
        var kinds = new List<string>();
        var amounts = new List<Points>();
        foreach (var (kind, units) in parts)
        {
            kinds.Add(kind);
            amounts.Add(Points.FromUnits(units));
        }
        if (kinds.Count == 0)
            return Empty;
        var (k, a) = (kinds.ToArray(), amounts.ToArray());
        Array.Sort(k, a, StringComparer.Ordinal);
        return new ScoreParts(k, a);
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Few kinds per account: a linear scan beats a binary search's comparisons at these sizes.
        for (int i = 0; i < _kinds.Length; i++)
            if (string.Equals(_kinds[i], key, StringComparison.Ordinal))
                return i;
        return -1;
    }
}
