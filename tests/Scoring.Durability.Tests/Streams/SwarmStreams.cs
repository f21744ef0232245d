using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;
using Scoring.Rules.Swarm;

namespace Scoring.Durability.Tests.Streams;

/// <summary>
/// Realistic swarm streams: a few accounts of 1–4 peers each, peers reporting cumulative counters (with resets and
/// forged jumps), FLOPs-since-last or bare heartbeats, gaps longer than the presence timeout, several peers at the
/// same instant, reports arriving out of order (mostly within the reorder window, some far behind), re-sends
/// (duplicates), re-sends with other content (conflicts) and a peer claimed by a second account.
/// </summary>
internal static class SwarmStreams
{
    public const double T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

    // Includes names whose UTF-16 order differs from their code-point order (state keys are sorted by code point).
    private static readonly string[] AccountNames = ["alice", "bob", "carol", "\uFF21cme", "\U0001F600", "dave"];

    public static Gen<DurabilityCase> Cases(int maxAccounts = 4, int maxSteps = 14) =>
        from setup in Setups()
        from accounts in Gen.Choose(1, maxAccounts)
        from steps in Gen.Choose(1, maxSteps)
        from seed in Gen.Choose(0, int.MaxValue)
        from choices in Gen.Choose(0, int.MaxValue)
        select new DurabilityCase(setup, Generate(new Random(seed), setup, accounts, steps).ToArray(), choices);

    public static Gen<SwarmSetup> Setups() =>
        from cap in Gen.Choose(1, 3)
        from change in Gen.Frequency((2, Gen.Constant<(double, int)?>(null)), (1, Gen.Choose(100, 900).Zip(Gen.Choose(1, 3)).Select(c => ((double, int)?)(T0 + c.Item1, c.Item2))))
        from window in Gen.Elements(0, 10, 30, 30)
        from v2 in Gen.Frequency((1, Gen.Constant<double?>(null)), (1, Gen.Choose(200, 800).Select(s => (double?)(T0 + s))))
        select new SwarmSetup(cap, change, window, v2);

    /// <summary>A stream in arrival order.</summary>
    public static List<SwarmPeerReport> Generate(Random random, SwarmSetup setup, int accounts, int maxSteps)
    {
        var sent = new List<(double Arrival, int Order, SwarmPeerReport Report)>();
        var names = AccountNames.OrderBy(_ => random.Next()).Concat(Enumerable.Range(0, accounts).Select(i => $"acct-{i:D3}")).Take(accounts).ToArray();
        int order = 0;
        foreach (var account in names)
        {
            int peers = random.Next(1, 5);
            for (int p = 0; p < peers; p++)
            {
                string peer = $"12D3KooW{account}{p}";
                foreach (var report in Peer(random, peer, account, random.Next(1, maxSteps + 1)))
                {
                    // Arrival: mostly within the reorder window of the report's time, sometimes far behind it (late).
                    double delay = random.Next(100) < 4 ? random.Next(60, 900) : random.NextDouble() * Math.Max(1, setup.ReorderSeconds);
                    sent.Add((report.Timestamp + delay, order++, report));
                    int extra = random.Next(100);
                    if (extra < 6)
                        sent.Add((report.Timestamp + delay + random.Next(0, 300), order++, report)); // re-sent: a duplicate
                    else if (extra < 9)
                        sent.Add((report.Timestamp + delay + random.Next(0, 300), order++, (SwarmPeerReport)setup.Alter(report))); // other content: a conflict
                    else if (extra < 10)
                        sent.Add((report.Timestamp + delay, order++, report with { ReportId = report.ReportId + "-moved", Account = names[random.Next(names.Length)] + "-other" }));
                }
            }
        }
        return sent.OrderBy(s => s.Arrival).ThenBy(s => s.Order).Select(s => s.Report).ToList();
    }

    /// <summary>One peer's reports in time order.</summary>
    private static IEnumerable<SwarmPeerReport> Peer(Random random, string peer, string account, int steps)
    {
        // Times on a 5-second grid (and some half seconds), so peers share instants.
        double t = T0 + 5 * random.Next(0, 60);
        double previous = double.NaN;
        double counter = 0;
        for (int k = 0; k < steps; k++)
        {
            if (k > 0)
            {
                int gap = random.Next(100) switch
                {
                    < 5 => 0, // a second report at the same instant
                    < 85 => 5 * random.Next(1, 13),
                    _ => random.Next(121, 400), // longer than the presence timeout: a new interval
                };
                t += gap + (random.Next(10) == 0 ? 0.5 : 0);
            }
            double rate = 1e8 * random.Next(1_000, 100_000); // 1e11 … 1e13 FLOP/s
            double work = Math.Floor(rate * 30);
            // Explicit ids mostly; the derived id ({peerId}@{timestamp}) names one instant, so never for a second report at one.
            string id = t != previous && random.Next(3) == 0 ? SwarmPeerReport.DeriveId(peer, t) : $"{peer}-{k}";
            previous = t;
            int kind = random.Next(100);
            double? cumulative = null, sinceLast = null;
            switch (kind)
            {
                case < 10: // a restart: the counter went down
                    cumulative = counter = work;
                    break;
                case < 13: // a forged jump: credited only up to maxFlopsPerSecond
                    cumulative = counter += 1e22;
                    break;
                case < 35:
                    sinceLast = work;
                    counter += work;
                    break;
                case < 45: // a heartbeat
                    sinceLast = 0;
                    break;
                default: // the counter, sometimes with FLOPs-since-last too (the counter wins)
                    cumulative = counter += work;
                    sinceLast = random.Next(5) == 0 ? work : null;
                    break;
            }
            yield return new SwarmPeerReport(id, peer, account, t, cumulative, sinceLast);
        }
    }
}
