using FsCheck;
using FsCheck.Fluent;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>One step of a generated peer: a gap, and what the report says about the work.</summary>
/// <param name="Gap">Seconds since the peer's previous report (0 … 200; the timeout is 120).</param>
/// <param name="Rate">FLOPs per second during the gap, in units of 10⁸ FLOP/s.</param>
/// <param name="Kind">0: counter reset; 1–2: FLOPs-since-last; 3: heartbeat; else: counter.</param>
public sealed record SwarmStep(int Gap, int Rate, int Kind);

/// <summary>A generated peer: its account, first report time and steps.</summary>
public sealed record SwarmPeerScript(int Account, int Start, SwarmStep[] Steps);

/// <summary>A generated run: peers, the cap and an optional cap change, and a seed for stream interleaving.</summary>
public sealed record SwarmScenario(SwarmPeerScript[] Peers, int Cap, int ChangeAt, int ChangedCap, int Seed)
{
    public const double RateUnit = 1e8; // keeps every counter below 2^53, so the double inputs are exact integers

    public SwarmOptions Options()
    {
        var options = new SwarmOptions { PeerCap = Cap };
        if (ChangeAt > 0)
        {
            options.PeerCapChanges.Add(new PeerCapChange { From = ChangeAt, PeerCap = ChangedCap });
        }
        return options;
    }

    public static string PeerName(int i) => $"p{i}";

    public static string AccountName(int a) => $"acct{a}";

    /// <summary>Each peer's reports in time order (report ids are unique).</summary>
    public List<SwarmReport>[] PeerReports(bool split = false)
    {
        var result = new List<SwarmReport>[Peers.Length];
        for (int i = 0; i < Peers.Length; i++)
        {
            var script = Peers[i];
            var reports = new List<SwarmReport>();
            string peer = PeerName(i);
            string account = AccountName(script.Account);
            double counter = 0;
            long t = script.Start;
            reports.Add(new SwarmReport($"{peer}-000", peer, account, t, CumulativeFlops: 0));
            for (int k = 0; k < script.Steps.Length; k++)
            {
                var step = script.Steps[k];
                double work = (double)step.Rate * RateUnit * step.Gap;
                if (split && step.Gap >= 2 && step.Gap <= 120 && step.Kind != 0)
                {
                    // Split at the middle with the work in proportion to the time: same totals at the same times.
                    int half = step.Gap / 2;
                    double first = (double)step.Rate * RateUnit * half;
                    reports.Add(Report($"{peer}-{k + 1:D3}-split", t + half, step.Kind, counter + first, first));
                    if (step.Kind != 3)
                    {
                        counter += first;
                        work -= first;
                    }
                }
                t += step.Gap;
                if (step.Kind == 0)
                {
                    counter = work; // the node restarted at the previous report and has done `work` since
                }
                else if (step.Kind != 3)
                {
                    counter += work;
                }
                reports.Add(Report($"{peer}-{k + 1:D3}", t, step.Kind, counter, work));
            }
            result[i] = reports;

            SwarmReport Report(string id, long time, int kind, double cumulative, double since) => kind switch
            {
                0 => new SwarmReport(id, peer, account, time, CumulativeFlops: cumulative),
                1 or 2 => new SwarmReport(id, peer, account, time, FlopsSinceLast: since),
                3 => new SwarmReport(id, peer, account, time),
                _ => new SwarmReport(id, peer, account, time, CumulativeFlops: cumulative),
            };
        }
        return result;
    }

    /// <summary>
    /// One stream: each account's reports in time order with equal times in a random order, accounts interleaved at random.
    /// </summary>
    public List<SwarmReport> Stream(int seed, bool split = false)
    {
        var random = new Random(seed);
        // A peer's own reports keep their order; different peers' reports at the same time come in a random order.
        var perAccount = PeerReports(split)
            .SelectMany(reports => { int key = random.Next(); return reports.Select((r, i) => (Report: r, Key: key, Index: i)); })
            .GroupBy(x => x.Report.Account)
            .Select(g => new Queue<SwarmReport>(g.OrderBy(x => x.Report.Timestamp).ThenBy(x => x.Key).ThenBy(x => x.Index).Select(x => x.Report)))
            .ToList();
        var stream = new List<SwarmReport>();
        while (perAccount.Count > 0)
        {
            int pick = random.Next(perAccount.Count);
            stream.Add(perAccount[pick].Dequeue());
            if (perAccount[pick].Count == 0)
            {
                perAccount.RemoveAt(pick);
            }
        }
        return stream;
    }

    /// <summary>
    /// One stream in arrival order, where each report arrives up to <paramref name="maxDelaySeconds"/> after its time
    /// (a peer's own reports keep their order).
    /// </summary>
    public List<SwarmReport> Jittered(int seed, int maxDelaySeconds)
    {
        var random = new Random(seed);
        var arrivals = new List<(double Arrival, int PeerKey, int Index, SwarmReport Report)>();
        foreach (var reports in PeerReports())
        {
            double previous = double.MinValue;
            int peerKey = random.Next();
            for (int i = 0; i < reports.Count; i++)
            {
                previous = Math.Max(previous, reports[i].Timestamp + random.Next(maxDelaySeconds + 1) - 0.5);
                arrivals.Add((previous, peerKey, i, reports[i]));
            }
        }
        return arrivals.OrderBy(a => a.Arrival).ThenBy(a => a.PeerKey).ThenBy(a => a.Index).Select(a => a.Report).ToList();
    }

    public static SwarmAccrualBuffer Run(SwarmAccrual accrual, IEnumerable<SwarmReport> stream)
    {
        var sink = new SwarmAccrualBuffer();
        foreach (var report in stream)
        {
            if (!accrual.TryIngest(report, sink, out var rejection))
            {
                throw new InvalidOperationException($"{report} rejected: {rejection}");
            }
        }
        accrual.Flush(sink);
        return sink;
    }

    public static Arbitrary<SwarmScenario> Arbitrary(bool resets = true, int maxCap = 3) =>
        (from peers in Peer(resets).ArrayOf().Where(p => p.Length is > 0 and <= 6)
         from cap in Gen.Choose(1, maxCap)
         from changeAt in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 1500)))
         from changedCap in Gen.Choose(1, maxCap)
         from seed in Gen.Choose(0, int.MaxValue)
         select new SwarmScenario(peers, cap, changeAt, changedCap, seed)).ToArbitrary();

    private static Gen<SwarmPeerScript> Peer(bool resets) =>
        from account in Gen.Choose(0, 2)
        from start in Gen.Choose(0, 400)
        from steps in Step(resets).ArrayOf().Where(s => s.Length <= 14)
        select new SwarmPeerScript(account, start, steps);

    private static Gen<SwarmStep> Step(bool resets) =>
        from gap in Gen.Frequency((6, Gen.Choose(0, 120)), (1, Gen.Choose(121, 200)))
        from rate in Gen.Choose(0, 5000)
        from kind in Gen.Choose(resets ? 0 : 1, 6)
        select new SwarmStep(gap, rate, kind);
}
