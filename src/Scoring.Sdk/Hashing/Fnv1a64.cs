using System.Text;

namespace Scoring.Hashing;

/// <summary>
/// FNV-1a, 64 bits, fed byte by byte in a fixed, documented encoding (integers little-endian, text as UTF-8 prefixed by
/// its length): the content fingerprint of reports and ledger reports, the same on every platform, process and run.
/// Not collision resistant against a producer crafting collisions on purpose — it only tells a re-send from a re-used
/// id, and a forged collision can only make the forger's own conflicting re-send look like a duplicate.
/// </summary>
internal struct Fnv1a64()
{
    public ulong Value { get; private set; } = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    public void Add(byte b) => Value = (Value ^ b) * Prime;

    // Integers byte by byte on a local, unrolled: every text's length prefix comes through here, and the property's
    // backing field was read and written back per byte.
    public void Add(int value)
    {
        ulong hash = Value;
        uint bits = (uint)value;
        hash = (hash ^ (bits & 0xFF)) * Prime;
        hash = (hash ^ ((bits >> 8) & 0xFF)) * Prime;
        hash = (hash ^ ((bits >> 16) & 0xFF)) * Prime;
        hash = (hash ^ (bits >> 24)) * Prime;
        Value = hash;
    }

    public void Add(long value)
    {
        Add((int)value);
        Add((int)(value >> 32));
    }

    /// <summary>Null and empty differ; text is prefixed by its length so that ("ab", "c") and ("a", "bc") differ.</summary>
    public void Add(string? text)
    {
        if (text is null)
        {
            Add((byte)0);
            return;
        }
        Add((byte)1);
        Add(text.Length);
        // The hot loop runs on a local (the property's backing field would be stored back each byte); ids are almost
        // always ASCII, and a char below 0x80 is its own UTF-8 byte.
        ulong value = Value;
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                value = (value ^ c) * Prime;
                continue;
            }
            // Anything else as UTF-8 (a lone surrogate as U+FFFD, as Rune.DecodeFromUtf16 reads it).
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int consumed);
            i += consumed - 1;
            int length = rune.EncodeToUtf8(utf8);
            for (int j = 0; j < length; j++)
                value = (value ^ utf8[j]) * Prime;
        }
        Value = value;
    }
}
