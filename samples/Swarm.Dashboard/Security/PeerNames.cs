namespace Swarm.Dashboard.Security;

/// <summary>
/// What a peer id and an account may be: 1 to 256 characters of valid text, no control characters, no leading or
/// trailing white space; a peer id has no <c>:</c> (it separates the parts of the <c>Authorization</c> header).
/// </summary>
public static class PeerNames
{
    /// <summary>The longest peer id or account.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws when <paramref name="peerId"/> is not an acceptable peer id.</summary>
    /// <exception cref="ArgumentException">Why, naming the value.</exception>
    public static void ThrowIfInvalidPeerId(string? peerId)
    {
        ThrowIfInvalid(peerId, "peerId");
        if (peerId!.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException($"peerId '{peerId}' contains ':', which separates the parts of the Authorization header.", nameof(peerId));
    }

    /// <summary>Throws when <paramref name="account"/> is not an acceptable account.</summary>
    /// <exception cref="ArgumentException">Why, naming the value.</exception>
    public static void ThrowIfInvalidAccount(string? account) => ThrowIfInvalid(account, "account");

    private static void ThrowIfInvalid(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{field} is required.", field);
        if (value.Length > MaxLength)
            throw new ArgumentException($"{field} is {value.Length} characters long; at most {MaxLength} are allowed.", field);
        int control = value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        if (control < 0)
            control = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        if (control >= 0)
            throw new ArgumentException($"{field} contains the control character U+{(int)value[control]:X4} at position {control + 1}.", field);
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                throw new ArgumentException($"{field} is not valid text: an unpaired surrogate U+{(int)value[i]:X4} at position {i + 1}.", field);
        }
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            throw new ArgumentException($"{field} '{value}' starts or ends with white space.", field);
    }
}
