using System.Globalization;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>Swarm report lines for the scheme's end-to-end tests, at times relative to 2026-01-01T00:00:00Z.</summary>
internal static class SwarmLines
{
    /// <summary>2026-01-01T00:00:00Z: relative time 0.</summary>
    public const double T0 = 1_767_225_600;

    /// <summary>A counter report (id derived from peer and time unless given).</summary>
    public static string Counter(string peer, string account, double t, double flops, string? id = null) =>
        Line(peer, account, t, id, $"\"cumulativeFlops\":{Number(flops)}");

    /// <summary>A FLOPs-since-last report.</summary>
    public static string Since(string peer, string account, double t, double flops, string? id = null) =>
        Line(peer, account, t, id, $"\"flopsSinceLast\":{Number(flops)}");

    private static string Line(string peer, string account, double t, string? id, string flops) =>
        $"{{\"type\":\"swarm\",{(id is null ? "" : $"\"id\":\"{id}\",")}\"peerId\":\"{peer}\",\"account\":\"{account}\",{flops},\"timestamp\":{Number(T0 + t)}}}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
