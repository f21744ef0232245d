using Scoring.Reports;
using Scoring.Rules.Swarm;

namespace Scoring.Cli.Generation;

/// <summary>
/// A training swarm: accounts that run one to six peers each. A peer is online in sessions of 15 to 90 minutes with
/// one to four hours off between them (so only about a quarter of the peers are online at once, as in a volunteer
/// swarm), and while online it sends a heartbeat every 30 to 60 seconds with the FLOPs it processed. Now and then a
/// peer goes quiet for 2.5 to 30 minutes (a presence gap), usually coming back restarted with its cumulative counter
/// at zero, and rarely it restarts without a gap; most sessions also start with a restarted counter.
/// Some peers send only the cumulative counter, some only the FLOPs since their last report, most both.
/// </summary>
internal static class SwarmDataSet
{
    /// <summary>Effective training throughput in TFLOP/s of typical peers (RTX 4090, A100, H100, L4, multi-GPU).</summary>
    private static readonly (double TeraFlops, int Weight)[] Throughputs = [(82, 30), (150, 20), (310, 25), (30, 15), (620, 10)];

    private static readonly (int Peers, int Weight)[] PeersPerAccount = [(1, 35), (2, 30), (3, 20), (4, 10), (6, 5)];

    private enum Counters
    {
        Both,
        CumulativeOnly,
        SinceLastOnly,
    }

    /// <summary>Generates <paramref name="count"/> heartbeats in time order, lazily.</summary>
    public static IEnumerable<Report> Generate(long count, ulong seed)
    {
        var random = new Xoshiro256StarStar(seed);
        var accounts = (int)Math.Clamp(Math.Round(Math.Sqrt(count) / 1.75), 1, 50_000);
        var peers = new List<Peer>();
        for (var a = 0; a < accounts; a++)
        {
            var account = SyntheticNames.Handle(random, a);
            var peerCount = random.PickWeighted(PeersPerAccount);
            for (var p = 0; p < peerCount; p++)
            {
                peers.Add(new Peer(
                    SyntheticNames.PeerId(random),
                    account,
                    random.PickWeighted(Throughputs) * random.Between(0.8, 1.2) * 1e9, // FLOP per millisecond
                    random.PickWeighted<Counters>([(Counters.Both, 60), (Counters.CumulativeOnly, 25), (Counters.SinceLastOnly, 15)])));
            }
        }

        var due = new PriorityQueue<int, (long Milliseconds, int Peer)>();
        for (var i = 0; i < peers.Count; i++)
        {
            var start = GenerationClock.EpochMilliseconds + random.Between(0, 3 * 3_600_000);
            peers[i].Restarting = true;
            peers[i].SessionEnds = start + random.Between(15 * 60_000, 90 * 60_000);
            due.Enqueue(i, (start, i));
        }

        for (long emitted = 0; emitted < count; emitted++)
        {
            due.TryDequeue(out var index, out var at);
            var peer = peers[index];
            yield return Heartbeat(random, peer, at.Milliseconds);
            due.Enqueue(index, (at.Milliseconds + NextInterval(random, peer, at.Milliseconds), index));
        }
    }

    private static SwarmPeerReport Heartbeat(Xoshiro256StarStar random, Peer peer, long now)
    {
        double flops;
        if (peer.Restarting)
        {
            // A (re)started node reports the work since it started, on a counter that starts again at zero.
            peer.Counter = 0;
            flops = Math.Round(peer.FlopsPerMillisecond * random.Between(5_000, 60_000) * random.Between(0.55, 1.0));
            peer.Restarting = false;
        }
        else
        {
            var utilization = peer.Idle ? random.Between(0, 0.1) : random.Between(0.55, 1.0);
            flops = Math.Round(peer.FlopsPerMillisecond * (now - peer.LastReport) * utilization);
        }

        peer.Idle = false;
        peer.Counter += flops;
        peer.LastReport = now;
        var timestamp = GenerationClock.ToUnixSeconds(now);
        return new SwarmPeerReport(
            SwarmPeerReport.DeriveId(peer.Id, timestamp),
            peer.Id,
            peer.Account,
            timestamp,
            peer.Counters == Counters.SinceLastOnly ? null : peer.Counter,
            peer.Counters == Counters.CumulativeOnly ? null : flops);
    }

    private static long NextInterval(Xoshiro256StarStar random, Peer peer, long now)
    {
        if (now >= peer.SessionEnds)
        {
            // The operator stops the node for a while; it usually comes back as a fresh process.
            var offline = random.Between(3_600_000, 4 * 3_600_000);
            peer.Restarting = random.Chance(0.8);
            peer.Idle = !peer.Restarting;
            peer.SessionEnds = now + offline + random.Between(15 * 60_000, 90 * 60_000);
            return offline;
        }

        var roll = random.NextDouble();
        if (roll < 0.03)
        {
            // Offline longer than the 2-minute presence timeout; most such nodes come back restarted.
            peer.Restarting = random.Chance(0.6);
            peer.Idle = !peer.Restarting;
            return random.Between(150_000, 1_800_000);
        }

        if (roll < 0.035)
        {
            peer.Restarting = true; // a crash and a quick restart
            return random.Between(30_000, 90_000);
        }

        return random.Between(30_000, 60_000);
    }

    private sealed class Peer(string id, string account, double flopsPerMillisecond, Counters counters)
    {
        public string Id { get; } = id;

        public string Account { get; } = account;

        public double FlopsPerMillisecond { get; } = flopsPerMillisecond;

        public Counters Counters { get; } = counters;

        public double Counter { get; set; }

        public long LastReport { get; set; }

        public bool Restarting { get; set; }

        public bool Idle { get; set; }

        public long SessionEnds { get; set; }
    }
}
