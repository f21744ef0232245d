namespace Scoring.Ledger;

/// <summary>
/// What a posting pays for is a short lower-case name chosen by the scheme that produced it (<c>compute</c>,
/// <c>presence</c>, <c>job</c>, <c>boost</c>, <c>tokens</c>, …). The ledger knows only two kinds by name, the
/// operator's corrections; every other valid kind is an <em>activity</em> kind. These rules are shared by every
/// store so they cannot drift apart.
/// </summary>
public static class PostingKinds
{
    /// <summary>The longest kind name accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>An auditable penalty: zero or negative, with a reason and an operator name; the peer may be empty.</summary>
    public const string Slash = "slash";

    /// <summary>A manual correction of either sign, with a reason and an operator name; the peer may be empty.</summary>
    public const string Adjustment = "adjustment";

    /// <summary>
    /// Whether <paramref name="kind"/> is an operator's action (<see cref="Slash"/> or <see cref="Adjustment"/>): it
    /// may be negative (a slash never positive), needs a reason and an operator, may leave the peer empty, and never
    /// moves an account's first-seen or last-seen time — a slash issued today must not make an account that left a
    /// month ago look online.
    /// </summary>
    /// <param name="kind">The kind name.</param>
    public static bool IsManual(string? kind) => kind is Slash or Adjustment;

    /// <summary>
    /// Whether <paramref name="kind"/> is a valid kind name: 1 to <see cref="MaxLength"/> characters, each a lower-case
    /// ASCII letter, a digit, <c>.</c>, <c>_</c> or <c>-</c>. Names are stored once and compared byte for byte, so they
    /// are kept to a set with one spelling and one order in every store and culture.
    /// </summary>
    /// <param name="kind">The kind name.</param>
    public static bool IsValid(string? kind)
    {
        if (string.IsNullOrEmpty(kind) || kind.Length > MaxLength)
            return false;
        foreach (char c in kind)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
                return false;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="kind"/> is an activity kind (valid and not manual): its amount is never negative, it
    /// needs a peer, may carry active seconds, and moves first-seen and last-seen.
    /// </summary>
    /// <param name="kind">The kind name.</param>
    public static bool IsActivity(string? kind) => IsValid(kind) && !IsManual(kind);
}
