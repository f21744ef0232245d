using System.Security.Cryptography;
using System.Text;

namespace Swarm.Dashboard;

/// <summary>Checks the operator's <c>Authorization: Bearer &lt;AdminToken&gt;</c> for <c>POST /peers</c>, in constant time.</summary>
internal static class AdminBearerToken
{
    public static bool Matches(string header, string token)
    {
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        // Hash both sides so the comparison takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[Prefix.Length..])),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
