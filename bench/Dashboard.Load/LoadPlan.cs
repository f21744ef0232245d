using System.Globalization;
using System.Text;

namespace Dashboard.Load;

/// <summary>
/// What the load sends: <see cref="Peers"/> peers, one per account, each posting <see cref="Bodies"/> bodies of
/// <see cref="ReportsPerBody"/> swarm reports one second apart, in rounds (every peer's body N before any body N + 1, as
/// live nodes post), then a heartbeat per peer that settles the reorder window. Each report does k × 10^12 FLOPs, which
/// is exactly k × 1000 micro-points of compute, so the expected total is integer arithmetic.
/// </summary>
internal sealed class LoadPlan
{
    private const long T0 = 1_767_225_600;

    public LoadPlan(int peers, int bodies, int reportsPerBody, int seed)
    {
        (Peers, Bodies, ReportsPerBody) = (peers, bodies, reportsPerBody);
        var random = new Random(seed);
        Flops = new int[peers, bodies * reportsPerBody];
        for (int p = 0; p < peers; p++)
        {
            for (int r = 0; r < bodies * reportsPerBody; r++)
            {
                Flops[p, r] = random.Next(1, 10_000);
                ExpectedComputeUnits += Flops[p, r] * 1_000L;
            }
        }
    }

    public int Peers { get; }

    public int Bodies { get; }

    public int ReportsPerBody { get; }

    /// <summary>Reports in the measured rounds (the settling heartbeats not counted).</summary>
    public long Reports => (long)Peers * Bodies * ReportsPerBody;

    /// <summary>The compute points every report earns together, in micro-points.</summary>
    public long ExpectedComputeUnits { get; }

    private int[,] Flops { get; }

    public static string PeerId(int peer) => $"node-{peer:D5}";

    public static string Account(int peer) => $"account-{peer:D5}";

    /// <summary>Body <paramref name="body"/> of <paramref name="peer"/> as JSON Lines.</summary>
    public byte[] Body(int peer, int body)
    {
        var text = new StringBuilder(ReportsPerBody * 150);
        for (int i = 0; i < ReportsPerBody; i++)
        {
            int r = body * ReportsPerBody + i;
            Report(text, peer, $"r{r}", T0 + r, Flops[peer, r] * 1e12);
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A heartbeat more than the reorder window after the peer's last report: everything before it settles.</summary>
    public byte[] Heartbeat(int peer)
    {
        var text = new StringBuilder();
        Report(text, peer, "end", T0 + Bodies * ReportsPerBody + 60, 0);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Report(StringBuilder text, int peer, string id, long timestamp, double flops) =>
        text.Append(CultureInfo.InvariantCulture,
            $"{{\"type\":\"swarm\",\"id\":\"{id}\",\"peerId\":\"{PeerId(peer)}\",\"account\":\"{Account(peer)}\",\"timestamp\":{timestamp},\"flopsSinceLast\":{flops.ToString("R", CultureInfo.InvariantCulture)}}}\n");
}
