using System.Diagnostics.CodeAnalysis;

// Small public types whose surface text PublicSurfaceTests knows line by line.
namespace Scoring.PublicApi.Tests.Fixtures;

public class Account(string name, int? rank = null, CancellationToken token = default) : IComparable<Account?>
{
    public const int Limit = 3;

    public string Name { get; } = name + rank + token.IsCancellationRequested;

    public string? Note { get; init; }

    public int CompareTo(Account? other) => string.CompareOrdinal(Name, other?.Name);

    public bool TryFind(string key, out IReadOnlyList<string?>? found)
    {
        found = key.Length > 0 ? [key] : null;
        return found is not null;
    }

    public static bool operator ==(Account? left, Account? right) => ReferenceEquals(left, right);

    public static bool operator !=(Account? left, Account? right) => !ReferenceEquals(left, right);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    protected virtual string Describe(params string[] parts) => string.Join(' ', parts);

    internal void Hidden()
    {
    }
}

public interface ISource<out T>
    where T : class
{
    T? Next();

    T? Peek() => null;
}

public static class SourceExtensions
{
    public static List<T> Take<T>(this ISource<T> source, int count)
        where T : class, IComparable<T>, new()
    {
        var taken = new List<T>();
        for (int i = 0; i < count && source.Next() is { } next; i++)
            taken.Add(next);
        return taken;
    }
}

public enum Outcome : byte
{
    Accepted,
    Late = 2,
}

[Experimental("SCORING999")]
public sealed class Sealed
{
    [Obsolete("use nothing")]
    public void Old()
    {
    }

    private void Hidden()
    {
    }
}

public sealed record Pair(int Left, int Right);
