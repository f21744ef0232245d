using FsCheck;
using FsCheck.Fluent;
using Scoring.Rules.Swarm;
using Scoring.Rules.Tests.Oracles;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>The accrual's facts on generated runs; points through the oracle of the old formula (<see cref="SwarmPoints"/>).</summary>
public sealed class SwarmAccrualProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static (SwarmAccrual Accrual, SwarmAccrualBuffer Sink) Run(SwarmScenario scenario, int seed, bool split = false)
    {
        var accrual = new SwarmAccrual(scenario.Options());
        return (accrual, SwarmScenario.Run(accrual, scenario.Stream(seed, split)));
    }

    [Fact]
    public void PointsAreNeverNegativeAndCountedNeverExceedsCreditedNorCreditedReported()
    {
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), scenario =>
        {
            var (_, sink) = Run(scenario, scenario.Seed);
            var paid = SwarmPoints.Pay(sink.Entries);
            return sink.Entries.All(e =>
                !paid[e.ReportId].Compute.IsNegative && !paid[e.ReportId].Presence.IsNegative
                && e.CountedFlops <= e.CreditedFlops && e.CreditedFlops == e.ReportedFlops && !e.IsCapped
                && e.CountedMicroseconds >= 0 && e.CountedMicroseconds <= e.ActiveMicroseconds);
        }));
    }

    [Fact]
    public void ACreditLimitAboveEveryRealRateChangesNothing()
    {
        // The generated peers run at most 5e11 FLOP/s: a limit of 1e17 (the rule set's default) must never bind.
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), scenario =>
        {
            var (_, unlimited) = Run(scenario, scenario.Seed);
            var limited = SwarmScenario.Run(new SwarmAccrual(scenario.Options(), _ => 1e17), scenario.Stream(scenario.Seed));
            return unlimited.Entries.Select(e => e with { MaxFlopsPerSecond = 0 }).SequenceEqual(limited.Entries.Select(e => e with { MaxFlopsPerSecond = 0 }))
                && limited.Entries.All(e => e.MaxFlopsPerSecond == 1e17 && !e.IsCapped);
        }));
    }

    [Fact]
    public void TheCapIsNeverExceededAndOnlyTimeInAPlaceIsCounted()
    {
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), scenario =>
        {
            var (accrual, sink) = Run(scenario, scenario.Seed);
            // Places still held at the end are held up to the account's clock, the last settled instant.
            var state = accrual.Capture();
            var places = sink.Places.Concat(state.Accounts.SelectMany(a => a.Peers
                .Where(p => p.Seated && a.Settled > p.PlaceSince)
                .Select(p => new SwarmPlace(a.Account, p.PeerId, p.PlaceSince, a.Settled)))).ToList();

            foreach (var account in places.GroupBy(p => p.Account))
            {
                // Independent sweep: +1 at a start, −1 at an end; places are half-open, so the count after all
                // changes at an instant holds until the next instant.
                var instants = account.SelectMany(p => new[] { (Time: p.FromMicroseconds, Delta: 1), (Time: p.ToMicroseconds, Delta: -1) })
                    .GroupBy(e => e.Time, e => e.Delta).OrderBy(g => g.Key);
                int held = 0;
                foreach (var instant in instants)
                {
                    held += instant.Sum();
                    if (held > CapAt(scenario, instant.Key))
                    {
                        return false.Label($"account {account.Key}: {held} places at {instant.Key} µs, cap {CapAt(scenario, instant.Key)}");
                    }
                }
            }
            foreach (var entry in sink.Entries)
            {
                long end = (long)(entry.Timestamp * 1e6);
                long start = end - entry.ActiveMicroseconds;
                long inPlace = places.Where(p => p.PeerId == entry.PeerId)
                    .Sum(p => Math.Max(0, Math.Min(end, p.ToMicroseconds) - Math.Max(start, p.FromMicroseconds)));
                if (entry.CountedMicroseconds > inPlace)
                {
                    return false.Label($"{entry.ReportId} counts {entry.CountedMicroseconds} µs but held a place for {inPlace} µs");
                }
            }
            return true.Label("ok");
        }));
    }

    private static int CapAt(SwarmScenario scenario, long microseconds) =>
        scenario.ChangeAt > 0 && microseconds >= scenario.ChangeAt * 1_000_000L ? scenario.ChangedCap : scenario.Cap;

    [Fact]
    public void SplittingReportsIntoSmallerOnesChangesNoTotal()
    {
        // Splits keep the same cumulative totals at the same times and the work in proportion to time within a report.
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(resets: false), scenario =>
        {
            var whole = PeerTotals(Run(scenario, scenario.Seed).Accrual);
            var split = PeerTotals(Run(scenario, scenario.Seed, split: true).Accrual);
            return whole.SequenceEqual(split);
        }));
    }

    [Fact]
    public void SplittingAnyWayChangesNoTotalWhileTheCapDoesNotBind()
    {
        // With a cap above the peer count every report is fully counted, so even an uneven split (all the work in the
        // first part) pays the same.
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(resets: false), scenario =>
        {
            var uncapped = scenario with { Cap = 10, ChangeAt = 0 };
            var stream = uncapped.Stream(uncapped.Seed);
            var uneven = new List<SwarmReport>();
            foreach (var r in stream)
            {
                if (r.FlopsSinceLast is double since && since >= 2)
                {
                    double first = Math.Floor(since * 0.9);
                    uneven.Add(r with { ReportId = r.ReportId + "-a", FlopsSinceLast = first });
                    uneven.Add(r with { FlopsSinceLast = since - first });
                }
                else
                {
                    uneven.Add(r);
                }
            }
            var a = new SwarmAccrual(uncapped.Options());
            SwarmScenario.Run(a, stream);
            var b = new SwarmAccrual(uncapped.Options());
            SwarmScenario.Run(b, uneven);
            return PeerTotals(a).SequenceEqual(PeerTotals(b));
        }));
    }

    private static List<(string, UInt128, long)> PeerTotals(SwarmAccrual accrual) =>
        accrual.Capture().Accounts.SelectMany(a => a.Peers)
            .Select(p => (p.PeerId, p.TotalCountedFlops, p.TotalCountedMicroseconds))
            .ToList();

    [Fact]
    public void AnAccountsScoreIsTheSumOverItsCountedPeers()
    {
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), scenario =>
        {
            var (accrual, sink) = Run(scenario, scenario.Seed);
            var state = accrual.Capture();
            var paid = SwarmPoints.AccountTotals(sink.Entries);
            foreach (var account in state.Accounts)
            {
                var entryTotal = paid.GetValueOrDefault(account.Account);
                var peers = account.Peers;
                // Each peer's paid points are the rounding of its exact counted totals, recomputed here from scratch.
                var peerTotal = Points.Sum(peers.Select(p =>
                    Points.FromDouble((double)p.TotalCountedFlops / 1e15) + Points.FromDouble(p.TotalCountedMicroseconds / 3.6e9)));
                bool uncountedEarnNothing = peers
                    .Where(p => !p.Seated && !sink.Places.Any(pl => pl.PeerId == p.PeerId))
                    .All(p => p.TotalCountedFlops == 0 && p.TotalCountedMicroseconds == 0
                        || sink.Entries.Any(e => e.PeerId == p.PeerId && e.StartsInterval && e.Seated));
                if (entryTotal != peerTotal || !uncountedEarnNothing)
                {
                    return false;
                }
            }
            return true;
        }));
    }

    [Fact]
    public void TheOrderOfIndependentReportsInTheStreamChangesNothing()
    {
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue)), (scenario, otherSeed) =>
        {
            var (_, a) = Run(scenario, scenario.Seed);
            var (_, b) = Run(scenario, otherSeed);
            return a.Entries.OrderBy(e => e.ReportId, StringComparer.Ordinal).SequenceEqual(b.Entries.OrderBy(e => e.ReportId, StringComparer.Ordinal))
                && a.Places.OrderBy(p => p.PeerId).ThenBy(p => p.FromMicroseconds).SequenceEqual(b.Places.OrderBy(p => p.PeerId).ThenBy(p => p.FromMicroseconds));
        }));
    }

    [Fact]
    public void ReportsArrivingOutOfOrderWithinTheReorderWindowChangeNothing()
    {
        // Delays below the 30 s default window: every report is accepted and settled in time order.
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), scenario =>
        {
            var (_, ordered) = Run(scenario, scenario.Seed);
            var jittered = SwarmScenario.Run(new SwarmAccrual(scenario.Options()), scenario.Jittered(scenario.Seed, 30));
            return ordered.Entries.OrderBy(e => e.ReportId, StringComparer.Ordinal).SequenceEqual(jittered.Entries.OrderBy(e => e.ReportId, StringComparer.Ordinal));
        }));
    }

    [Fact]
    public void WithoutABindingCapEveryPeerEarnsItsWorkAndItsIntervals()
    {
        // A reference computed from the reports alone: counter increases (or the new value after a decrease) and the
        // sum of gaps of at most the timeout.
        Check.One(Config, Prop.ForAll(SwarmScenario.Arbitrary(), scenario =>
        {
            var uncapped = scenario with { Cap = 10, ChangeAt = 0 };
            var accrual = new SwarmAccrual(uncapped.Options());
            SwarmScenario.Run(accrual, uncapped.Stream(uncapped.Seed));
            var state = accrual.Capture().Accounts.SelectMany(a => a.Peers).ToDictionary(p => p.PeerId);
            foreach (var reports in uncapped.PeerReports())
            {
                double counter = 0;
                double flops = 0;
                long micros = 0;
                for (int k = 0; k < reports.Count; k++)
                {
                    var r = reports[k];
                    if (r.CumulativeFlops is double c)
                    {
                        flops += c >= counter ? c - counter : c;
                        counter = c;
                    }
                    else if (r.FlopsSinceLast is double s)
                    {
                        flops += s;
                        counter += s;
                    }
                    if (k > 0 && r.Timestamp - reports[k - 1].Timestamp <= 120)
                    {
                        micros += (long)((r.Timestamp - reports[k - 1].Timestamp) * 1e6);
                    }
                }
                var peer = state[reports[0].PeerId];
                if (peer.TotalCountedFlops != (UInt128)flops || peer.TotalCountedMicroseconds != micros
                    || SwarmPoints.Totals(peer.TotalCountedFlops, peer.TotalCountedMicroseconds) != (Points.FromDouble(flops / 1e15), Points.FromDouble(micros / 3.6e9)))
                {
                    return false.Label($"{peer.PeerId}: {peer.TotalCountedFlops} FLOPs / {peer.TotalCountedMicroseconds} µs, expected {flops} / {micros}");
                }
            }
            return true.Label("ok");
        }));
    }
}
