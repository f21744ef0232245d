using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Swarm.Dashboard.Security;

/// <summary>
/// How a node signs <c>POST /reports</c>. The body's SHA-256 goes in <c>Content-Digest: sha-256=:&lt;base64&gt;:</c>
/// (RFC 9530) and the header <c>Authorization: HMAC-SHA256 &lt;peerId&gt;:&lt;unix seconds&gt;:&lt;hex MAC&gt;</c> carries
/// the lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes of the peer's secret (its hex text), of the five lines
/// <c>method \n path \n unix seconds \n peerId \n Content-Digest value</c>.
/// </summary>
/// <remarks>
/// The signature covers the digest, not the body, so the server checks who sent a request, and when, from its headers
/// alone — before it reads a byte of the body — and then only has to compare the body with the signed digest. The
/// timestamp bounds a captured request's use to the clock-skew window, within which a replay is a duplicate.
/// </remarks>
public static class PeerSignature
{
    /// <summary>The scheme name in the <c>Authorization</c> header (and <c>WWW-Authenticate</c>).</summary>
    public const string Scheme = "HMAC-SHA256";

    /// <summary>The header that carries the body's digest.</summary>
    public const string DigestHeader = "Content-Digest";

    private const string DigestPrefix = "sha-256=:";

    /// <summary>The <c>Content-Digest</c> value of <paramref name="body"/>: <c>sha-256=:&lt;base64 of SHA-256&gt;:</c>.</summary>
    public static string ContentDigest(ReadOnlySpan<byte> body) => DigestPrefix + Convert.ToBase64String(SHA256.HashData(body)) + ":";

    /// <summary>The <c>Authorization</c> value a peer sends for a request with the given digest, made at <paramref name="time"/>.</summary>
    /// <param name="peerId">The peer.</param>
    /// <param name="secret">Its secret, as issued (hex text).</param>
    /// <param name="time">The request's time (whole unix seconds are signed).</param>
    /// <param name="contentDigest">The request's <c>Content-Digest</c> value.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    public static string Authorization(string peerId, string secret, DateTimeOffset time, string contentDigest, string method = "POST", string path = "/reports")
    {
        long seconds = time.ToUnixTimeSeconds();
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Message(method, path, seconds, peerId, contentDigest));
        return $"{Scheme} {peerId}:{seconds.ToString(CultureInfo.InvariantCulture)}:{Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Splits an <c>Authorization</c> value into the claimed peer, time and MAC; false when it is not of this scheme's form.</summary>
    public static bool TryParse(string? header, out string peerId, out long unixSeconds, out byte[] mac)
    {
        peerId = "";
        unixSeconds = 0;
        mac = [];
        if (header is null || !header.StartsWith(Scheme + " ", StringComparison.Ordinal))
            return false;
        string[] parts = header[(Scheme.Length + 1)..].Trim().Split(':');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length != 2 * HMACSHA256.HashSizeInBytes
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds))
            return false;
        try
        {
            mac = Convert.FromHexString(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        peerId = parts[0];
        return true;
    }

    /// <summary>Whether <paramref name="mac"/> signs the request under <paramref name="secret"/>, compared in constant time.</summary>
    public static bool Verify(string secret, string method, string path, long unixSeconds, string peerId, string contentDigest, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Message(method, path, unixSeconds, peerId, contentDigest), expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    /// <summary>The SHA-256 a <c>Content-Digest</c> value names; false when it is not exactly one <c>sha-256</c> digest.</summary>
    public static bool TryParseDigest(string? value, out byte[] sha256)
    {
        sha256 = [];
        if (value is null || !value.StartsWith(DigestPrefix, StringComparison.Ordinal) || !value.EndsWith(':') || value.Length <= DigestPrefix.Length + 1)
            return false;
        byte[] bytes = new byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(value[DigestPrefix.Length..^1], bytes, out int written) || written != bytes.Length)
            return false;
        sha256 = bytes;
        return true;
    }

    private static byte[] Message(string method, string path, long unixSeconds, string peerId, string contentDigest) =>
        Encoding.UTF8.GetBytes($"{method}\n{path}\n{unixSeconds.ToString(CultureInfo.InvariantCulture)}\n{peerId}\n{contentDigest}");
}
