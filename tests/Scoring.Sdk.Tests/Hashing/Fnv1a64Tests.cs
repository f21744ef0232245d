using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Hashing;

namespace Scoring.Sdk.Tests.Hashing;

/// <summary>
/// The content fingerprint is stored in every ledger (a re-sent report is told from a re-used id by it), so its values
/// are pinned: FNV-1a's published test vectors, and text as the documented bytes (1, length, UTF-8).
/// </summary>
public class Fnv1a64Tests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Bytes_hash_to_the_published_FNV_1a_vectors(string ascii, ulong expected)
    {
        var hash = new Fnv1a64();
        foreach (byte b in Encoding.ASCII.GetBytes(ascii))
            hash.Add(b);
        Assert.Equal(expected, hash.Value);
    }

    [Fact]
    public void Text_is_its_length_prefixed_UTF_8_and_a_lone_surrogate_is_U_FFFD()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var hash = new Fnv1a64();
            hash.Add(text);
            return hash.Value == Reference(text);
        }).QuickCheckThrowOnFailure();
        foreach (string text in new[] { "12D3KooW@1767225618.408", "Zürich→東京", "\ud83d\ude00", "a\ud800b", "\udc00" })
        {
            var hash = new Fnv1a64();
            hash.Add(text);
            Assert.Equal(Reference(text), hash.Value);
        }
    }

    [Fact]
    public void Integers_are_their_little_endian_bytes()
    {
        // Any 12 bytes, read as an int and a long (the default generators keep numbers small: every bit must count).
        Prop.ForAll(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(12).ToArbitrary(), bytes =>
        {
            var hash = new Fnv1a64();
            hash.Add(BinaryPrimitives.ReadInt32LittleEndian(bytes));
            hash.Add(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)));
            var reference = new Fnv1a64();
            foreach (byte b in bytes)
                reference.Add(b);
            return hash.Value == reference.Value;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Null_and_empty_text_differ()
    {
        var (none, empty) = (new Fnv1a64(), new Fnv1a64());
        none.Add((string?)null);
        empty.Add("");
        Assert.NotEqual(none.Value, empty.Value);
    }

    /// <summary>The documented form, byte by byte: 1, the length in UTF-16 code units (4 bytes, little-endian), the UTF-8 bytes.</summary>
    private static ulong Reference(string? text)
    {
        var hash = new Fnv1a64();
        if (text is null)
            return Feed(hash, [0]);
        byte[] utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetBytes(text);
        return Feed(hash, [1, .. BitConverter.GetBytes(text.Length), .. utf8]);

        static ulong Feed(Fnv1a64 hash, byte[] bytes)
        {
            foreach (byte b in bytes)
                hash.Add(b);
            return hash.Value;
        }
    }
}
