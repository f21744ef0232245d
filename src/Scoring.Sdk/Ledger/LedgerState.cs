using System.Buffers;

namespace Scoring.Ledger;

/// <summary>The limits of scheme state (<see cref="ILedgerTransaction.PutStateAsync"/>), checked alike by every store.</summary>
public static class LedgerState
{
    /// <summary>The longest state key accepted, in UTF-16 code units: room for a prefix and a 256-character id.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>The longest scheme name accepted, in UTF-16 code units.</summary>
    public const int MaxSchemeLength = 256;

    /// <summary>The largest value accepted: 16 MiB.</summary>
    public const int MaxValueBytes = 16 * 1024 * 1024;

    internal static void CheckScheme(string? scheme, string parameter) => CheckText(scheme, parameter, "scheme", allowEmpty: false, MaxSchemeLength);

    internal static void CheckKey(string? key, string parameter) => CheckText(key, parameter, "state key", allowEmpty: false);

    internal static void CheckPrefix(string? prefix, string parameter) => CheckText(prefix, parameter, "state key prefix", allowEmpty: true);

    internal static void CheckValue(string key, byte[] value, string parameter)
    {
        if (value.Length > MaxValueBytes)
            throw new ArgumentException(
                $"The value of state key '{key}' is {value.Length} bytes; at most {MaxValueBytes} (16 MiB) are allowed.", parameter);
    }

    /// <summary>
    /// Whether <see cref="CheckText"/> accepts <paramref name="text"/> (empty allowed) without looking further: not null, not
    /// too long, no NUL and no surrogate at all. False does not mean invalid (a paired surrogate is valid): check it then.
    /// </summary>
    internal static bool IsPlainText(string? text, int maxLength) =>
        text is not null && text.Length <= maxLength && !text.AsSpan().ContainsAny(NotPlain);

    // One vectorized pass for both: IndexOfAnyInRange boxed a char per call (a million boxes per million reports).
    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        "\0" + string.Create(0xE000 - 0xD800, 0, static (chars, _) =>
        {
            for (int i = 0; i < chars.Length; i++)
                chars[i] = (char)(0xD800 + i);
        }));

    /// <summary>Stores keep text as UTF-8: a NUL or a lone surrogate would not come back equal.</summary>
    internal static void CheckText(string? text, string parameter, string what, bool allowEmpty, int maxLength = MaxKeyLength)
    {
        if (text is null)
            throw new ArgumentNullException(parameter, $"The {what} must not be null.");
        if (text.Length == 0 && !allowEmpty)
            throw new ArgumentException($"The {what} must not be empty.", parameter);
        if (text.Length > maxLength)
            throw new ArgumentException($"The {what} '{text[..32]}…' is {text.Length} characters long; at most {maxLength} are allowed.", parameter);
        if (IsPlainText(text, maxLength))
            return;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                throw new ArgumentException($"The {what} has an unpaired surrogate at position {i}; it is not valid Unicode.", parameter);
            if (c == '\0')
                throw new ArgumentException($"The {what} has a NUL character at position {i}.", parameter);
        }
    }
}
