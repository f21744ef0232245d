using System.Security.Cryptography;
using System.Text;

namespace Swarm.Dashboard;

/// <summary>
/// The <c>Authorization: HMAC-SHA256 &lt;peerId&gt;:&lt;hex of HMAC-SHA256(body, secret)&gt;</c> scheme: each node signs the
/// exact bytes it posts with its own secret (the secret's UTF-8 hex text is the key).
/// </summary>
public static class RequestSignature
{
    /// <summary>The scheme name in the header.</summary>
    public const string Scheme = "HMAC-SHA256";

    /// <summary>The header value a peer sends for <paramref name="body"/>.</summary>
    public static string Sign(string peerId, string secret, ReadOnlySpan<byte> body) =>
        $"{Scheme} {peerId}:{Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))}";

    /// <summary>Splits a header into the claimed peer id and MAC; false when it is not of this scheme.</summary>
    public static bool TryParse(string? header, out string peerId, out byte[] mac)
    {
        peerId = "";
        mac = [];
        if (header is null || !header.StartsWith(Scheme + " ", StringComparison.Ordinal))
            return false;
        string credentials = header[(Scheme.Length + 1)..].Trim();
        int colon = credentials.LastIndexOf(':');
        if (colon <= 0 || credentials.Length - colon - 1 != 64)
            return false;
        try
        {
            mac = Convert.FromHexString(credentials.AsSpan(colon + 1));
        }
        catch (FormatException)
        {
            return false;
        }
        peerId = credentials[..colon];
        return true;
    }

    /// <summary>Whether <paramref name="mac"/> is the body's MAC under <paramref name="secret"/>, compared in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
