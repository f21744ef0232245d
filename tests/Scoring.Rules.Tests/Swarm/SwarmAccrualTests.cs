using System.Text.Json;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Swarm;

public sealed class SwarmAccrualTests
{
    private const double Pflop = 1e15;

    private static (SwarmAccrual Accrual, SwarmAccrualBuffer Sink) Run(SwarmOptions options, params SwarmReport[] reports)
    {
        var accrual = new SwarmAccrual(options);
        var sink = new SwarmAccrualBuffer();
        foreach (var report in reports)
        {
            Assert.True(accrual.TryIngest(report, sink, out var rejection), rejection);
        }
        accrual.Flush(sink);
        return (accrual, sink);
    }

    private static SwarmAccrualEntry Entry(SwarmAccrualBuffer sink, string reportId) => sink.Entries.Single(e => e.ReportId == reportId);

    private static SwarmReport Counter(string id, string peer, string account, double t, double flops) => new(id, peer, account, t, CumulativeFlops: flops);

    [Fact]
    public void OnePeerEarnsTheCounterIncreaseAndOnePointPerHourOfItsInterval()
    {
        var (_, sink) = Run(new SwarmOptions(),
            Counter("r1", "p1", "alice", 0, 0),
            Counter("r2", "p1", "alice", 60, 3 * Pflop),
            Counter("r3", "p1", "alice", 120, 6 * Pflop));

        var r1 = Entry(sink, "r1");
        Assert.True(r1.StartsInterval);
        Assert.Equal(Points.Zero, r1.Total);
        var r2 = Entry(sink, "r2");
        Assert.Equal(Points.FromWhole(3), r2.Compute);
        Assert.Equal(60_000_000, r2.CountedMicroseconds);
        // 60 s = 1/60 h = 0.0166666… points → 16,667 units; the next minute raises the rounded total to 33,333.
        Assert.Equal(Points.FromUnits(16_667), r2.Presence);
        Assert.Equal(Points.FromUnits(16_666), Entry(sink, "r3").Presence);
        Assert.Equal(Points.FromUnits(6_033_333), Points.Sum(sink.Entries.Select(e => e.Total)));
    }

    [Fact]
    public void ADecreasingCounterIsAResetAndCountsItsNewValue()
    {
        var (_, sink) = Run(new SwarmOptions(),
            Counter("r1", "p1", "alice", 0, 5 * Pflop),
            Counter("r2", "p1", "alice", 60, 2 * Pflop),
            Counter("r3", "p1", "alice", 90, 2.5 * Pflop));

        // The first report counts its whole counter (the node's work since it started), the reset counts 2, then +0.5.
        Assert.Equal(Points.FromWhole(5), Entry(sink, "r1").Compute);
        Assert.Equal(Points.FromWhole(2), Entry(sink, "r2").Compute);
        Assert.Equal(Points.FromDouble(0.5), Entry(sink, "r3").Compute);
    }

    [Fact]
    public void TheCounterWinsOverFlopsSinceLastAndSinceLastWorkIsNotPaidTwice()
    {
        var (_, sink) = Run(new SwarmOptions(),
            new SwarmReport("r1", "p1", "alice", 0, CumulativeFlops: 10 * Pflop, FlopsSinceLast: 99 * Pflop),
            new SwarmReport("r2", "p1", "alice", 30, FlopsSinceLast: 4 * Pflop),
            new SwarmReport("r3", "p1", "alice", 60, CumulativeFlops: 15 * Pflop),
            new SwarmReport("r4", "p1", "alice", 90));

        Assert.Equal(Points.FromWhole(10), Entry(sink, "r1").Compute);
        Assert.Equal(Points.FromWhole(4), Entry(sink, "r2").Compute);
        Assert.Equal(Points.FromWhole(1), Entry(sink, "r3").Compute); // 15 − (10 + 4)
        Assert.Equal(Points.Zero, Entry(sink, "r4").Compute); // a heartbeat earns presence only
        Assert.Equal(30_000_000, Entry(sink, "r4").CountedMicroseconds);
    }

    [Fact]
    public void AGapLongerThanTheTimeoutEndsTheIntervalAtTheLastReportButLosesNoWork()
    {
        var (_, sink) = Run(new SwarmOptions(),
            Counter("r1", "p1", "alice", 0, 0),
            Counter("r2", "p1", "alice", 100, Pflop),
            Counter("r3", "p1", "alice", 221, 3 * Pflop), // 121 s gap > 120 s
            Counter("r4", "p1", "alice", 341, 4 * Pflop)); // exactly 120 s: still the same interval

        Assert.Equal(100_000_000, Entry(sink, "r2").CountedMicroseconds);
        var r3 = Entry(sink, "r3");
        Assert.True(r3.StartsInterval);
        Assert.Equal(0, r3.CountedMicroseconds);
        Assert.Equal(Points.FromWhole(2), r3.Compute); // the work done across the gap still counts
        Assert.False(Entry(sink, "r4").StartsInterval);
        Assert.Equal(120_000_000, Entry(sink, "r4").CountedMicroseconds);
    }

    [Fact]
    public void APeerOverTheCapWaitsAndTakesThePlaceWhenTheHoldersTimeoutExpires()
    {
        var options = new SwarmOptions { PeerCap = 1 };
        // p2 runs at 1 PFLOP/s. p1 reports last at 120, so it holds its place until 240.
        var (accrual, sink) = Run(options,
            Counter("a1", "p1", "alice", 0, 0),
            Counter("b1", "p2", "alice", 30, 30 * Pflop),
            Counter("a2", "p1", "alice", 60, Pflop),
            Counter("b2", "p2", "alice", 90, 90 * Pflop),
            Counter("a3", "p1", "alice", 120, 2 * Pflop),
            Counter("b3", "p2", "alice", 150, 150 * Pflop),
            Counter("b4", "p2", "alice", 210, 210 * Pflop),
            Counter("b5", "p2", "alice", 270, 270 * Pflop),
            Counter("b6", "p2", "alice", 330, 330 * Pflop));

        foreach (var id in new[] { "b1", "b2", "b3", "b4" })
        {
            Assert.Equal(Points.Zero, Entry(sink, id).Total);
            Assert.False(Entry(sink, id).Seated);
        }
        var b5 = Entry(sink, "b5");
        Assert.Equal(60_000_000, b5.ActiveMicroseconds);
        Assert.Equal(30_000_000, b5.CountedMicroseconds); // 240 → 270
        Assert.Equal(Points.FromWhole(30), b5.Compute); // 60 PFLOP over 60 s, 30 s of it counted
        Assert.Equal(Points.FromWhole(60), Entry(sink, "b6").Compute);
        Assert.Equal(Points.FromWhole(2), Entry(sink, "a3").Compute + Entry(sink, "a2").Compute);
        Assert.Equal([new SwarmPlace("alice", "p1", 0, 240_000_000)], sink.Places);
        // The worked example of docs/schemes.md: 92 compute points, 33,333 + 25,000 presence units.
        Assert.Equal(Points.FromUnits(8_333), b5.Presence);
        Assert.Equal(Points.Parse("92.058333"), Points.Sum(sink.Entries.Select(e => e.Total)));
        Assert.True(accrual.IsOnline("p2", 450));
        Assert.False(accrual.IsOnline("p2", 450.000001));
        Assert.False(accrual.IsOnline("nobody", 0));
    }

    [Fact]
    public void PlacesAtOneInstantGoByPeerIdNotByArrival()
    {
        var options = new SwarmOptions { PeerCap = 1 };
        SwarmReport[] reports =
        [
            Counter("b1", "peer-b", "alice", 10, 7 * Pflop),
            Counter("a1", "peer-a", "alice", 10, 5 * Pflop),
            Counter("b2", "peer-b", "alice", 70, 8 * Pflop),
            Counter("a2", "peer-a", "alice", 70, 6 * Pflop),
        ];
        var (_, forward) = Run(options, reports);
        var (_, backward) = Run(options, [reports[1], reports[0], reports[3], reports[2]]);

        Assert.Equal(forward.Entries.OrderBy(e => e.ReportId), backward.Entries.OrderBy(e => e.ReportId));
        Assert.Equal(Points.FromWhole(5), Entry(forward, "a1").Compute);
        Assert.Equal(Points.Zero, Entry(forward, "b1").Compute);
        Assert.Equal(Points.Zero, Entry(forward, "b2").Total);
    }

    [Fact]
    public void ARaisedCapSeatsTheWaitingPeerAtTheChangeAndALoweredCapUnseatsTheLatest()
    {
        var options = new SwarmOptions
        {
            PeerCap = 1,
            PeerCapChanges = { new PeerCapChange { From = 100, PeerCap = 2 }, new PeerCapChange { From = 160, PeerCap = 1 } },
        };
        var (_, sink) = Run(options,
            Counter("a1", "p1", "alice", 0, 0),
            Counter("b1", "p2", "alice", 20, 0),
            Counter("a2", "p1", "alice", 80, 0),
            Counter("b2", "p2", "alice", 80, 0),
            Counter("a3", "p1", "alice", 180, 0),
            Counter("b3", "p2", "alice", 180, 0));

        Assert.Equal(0, Entry(sink, "b2").CountedMicroseconds);
        Assert.Equal(60_000_000, Entry(sink, "b3").CountedMicroseconds); // 100 → 160
        Assert.Equal(100_000_000, Entry(sink, "a3").CountedMicroseconds);
        Assert.Contains(new SwarmPlace("alice", "p2", 100_000_000, 160_000_000), sink.Places);
    }

    [Fact]
    public void AccountsDoNotShareTheCap()
    {
        var options = new SwarmOptions { PeerCap = 1 };
        var (_, sink) = Run(options,
            Counter("a1", "p1", "alice", 0, 0),
            Counter("b1", "p2", "bob", 0, 0),
            Counter("a2", "p1", "alice", 60, 0),
            Counter("b2", "p2", "bob", 60, 0));
        Assert.Equal(60_000_000, Entry(sink, "a2").CountedMicroseconds);
        Assert.Equal(60_000_000, Entry(sink, "b2").CountedMicroseconds);
    }

    [Theory]
    [InlineData("", "p", "a", 0, null, null, "reportId is missing")]
    [InlineData("r", " ", "a", 0, null, null, "peerId is missing")]
    [InlineData("r", "p", "", 0, null, null, "account is missing")]
    [InlineData("r", "p", "a", double.NaN, null, null, "timestamp must be unix seconds between 0 and 100000000000 (got NaN)")]
    [InlineData("r", "p", "a", -1, null, null, "timestamp must be unix seconds between 0 and 100000000000 (got -1)")]
    [InlineData("r", "p", "a", 0, -5.0, null, "cumulativeFlops must be a whole number of FLOPs between 0 and 1E+27 (got -5)")]
    [InlineData("r", "p", "a", 0, 1.5, null, "cumulativeFlops must be a whole number of FLOPs between 0 and 1E+27 (got 1.5)")]
    [InlineData("r", "p", "a", 0, null, double.PositiveInfinity, "flopsSinceLast must be a whole number of FLOPs between 0 and 1E+27 (got Infinity)")]
    [InlineData("r", "p", "a", 0, null, 2e27, "flopsSinceLast must be a whole number of FLOPs between 0 and 1E+27 (got 2E+27)")]
    public void BadFieldsAreRejectedWithTheFieldAndTheValue(string id, string peer, string account, double t, double? cumulative, double? since, string reason)
    {
        var accrual = new SwarmAccrual(new SwarmOptions());
        Assert.False(accrual.TryIngest(new SwarmReport(id, peer, account, t, cumulative, since), new SwarmAccrualBuffer(), out var rejection));
        Assert.Equal(reason, rejection);
        Assert.Equal(0, accrual.PeerCount);
    }

    [Fact]
    public void LateDuplicateAndForeignReportsAreRejectedAndChangeNothing()
    {
        var accrual = new SwarmAccrual(new SwarmOptions());
        var sink = new SwarmAccrualBuffer();
        Assert.True(accrual.TryIngest(Counter("r1", "p1", "alice", 100, Pflop), sink, out _));
        Assert.True(accrual.TryIngest(Counter("r2", "p2", "alice", 110, Pflop), sink, out _));
        Assert.True(accrual.TryIngest(Counter("r5", "p1", "alice", 141, 1.5 * Pflop), sink, out _)); // settles 100 and 110

        Assert.False(accrual.TryIngest(Counter("r3", "p1", "alice", 105, 2 * Pflop), sink, out var late));
        Assert.Equal("late report: timestamp 105 is before account 'alice''s settled time 110; " +
            "a report must arrive before its account has seen one more than the reorder window (30 s) newer", late);
        Assert.False(accrual.TryIngest(Counter("r2", "p2", "alice", 120, 9 * Pflop), sink, out var duplicate));
        Assert.Equal("duplicate of peer 'p2''s previous report 'r2'", duplicate);
        Assert.False(accrual.TryIngest(Counter("r4", "p1", "bob", 130, Pflop), sink, out var foreign));
        Assert.Equal("peer 'p1' belongs to account 'alice', not 'bob'", foreign);

        accrual.Flush(sink);
        Assert.Equal(Points.FromDouble(2.5), Points.Sum(sink.Entries.Select(e => e.Compute)));
    }

    [Fact]
    public void ReportsOutOfOrderWithinTheReorderWindowAreSettledInTimeOrder()
    {
        SwarmReport[] inOrder =
        [
            Counter("a1", "p1", "alice", 0, 0),
            Counter("b1", "p2", "alice", 5, 0),
            Counter("a2", "p1", "alice", 20, 2 * Pflop),
            Counter("b2", "p2", "alice", 25, Pflop),
            Counter("a3", "p1", "alice", 40, 3 * Pflop),
            Counter("b3", "p2", "alice", 45, 4 * Pflop),
        ];
        var options = new SwarmOptions { PeerCap = 1, ReorderWindow = TimeSpan.FromSeconds(20) };
        var (_, sorted) = Run(options, inOrder);
        var (_, jittered) = Run(options, [inOrder[1], inOrder[3], inOrder[0], inOrder[2], inOrder[5], inOrder[4]]);
        Assert.Equal(sorted.Entries.OrderBy(e => e.ReportId), jittered.Entries.OrderBy(e => e.ReportId));
        Assert.Equal(Points.FromWhole(3), Points.Sum(jittered.Entries.Where(e => e.PeerId == "p1").Select(e => e.Compute)));
        Assert.Equal(Points.Zero, Points.Sum(jittered.Entries.Where(e => e.PeerId == "p2").Select(e => e.Total)));
    }

    [Fact]
    public void AComputeTotalBeyondTheRangeOfPointsIsRejected()
    {
        var accrual = new SwarmAccrual(new SwarmOptions { FlopsPerPoint = 1 });
        Assert.False(accrual.TryIngest(new SwarmReport("r1", "p1", "alice", 0, FlopsSinceLast: 1e26), new SwarmAccrualBuffer(), out var rejection));
        Assert.Equal("peer 'p1''s compute total would exceed the range of points", rejection);
    }

    [Fact]
    public void ARestoredStateContinuesExactlyLikeTheUninterruptedRun()
    {
        var options = new SwarmOptions { PeerCap = 1, PeerCapChanges = { new PeerCapChange { From = 150, PeerCap = 2 } } };
        var reports = new List<SwarmReport>();
        for (int i = 0; i < 12; i++)
        {
            reports.Add(new SwarmReport($"a{i}", "p1", "alice", i * 45, CumulativeFlops: i * 3e14));
            reports.Add(new SwarmReport($"b{i}", "p2", "alice", i * 45 + 7, FlopsSinceLast: 1e14));
            reports.Add(new SwarmReport($"c{i}", "p3", "bob", i * 200, CumulativeFlops: (i % 4) * 1e15));
        }
        var (_, whole) = Run(options, [.. reports]);

        var first = new SwarmAccrual(options);
        var sink = new SwarmAccrualBuffer();
        foreach (var r in reports.Take(17))
        {
            Assert.True(first.TryIngest(r, sink, out _));
        }
        string json = JsonSerializer.Serialize(first.Capture());
        var resumed = SwarmAccrual.Restore(options, JsonSerializer.Deserialize<SwarmAccrualState>(json)!);
        foreach (var r in reports.Skip(17))
        {
            Assert.True(resumed.TryIngest(r, sink, out _));
        }
        resumed.Flush(sink);

        Assert.Equal(whole.Entries, sink.Entries);
        Assert.Equal(whole.Places, sink.Places);
        Assert.Equal(JsonSerializer.Serialize(resumed.Capture()), JsonSerializer.Serialize(Run(options, [.. reports]).Accrual.Capture()));
    }

    [Fact]
    public void RestoreRejectsAnInconsistentState()
    {
        var options = new SwarmOptions();
        var badVersion = new SwarmAccrualState(99, 0, [], []);
        Assert.Contains("version 99", Assert.Throws<ArgumentException>(() => SwarmAccrual.Restore(options, badVersion)).Message);
        var orphan = new SwarmPeerState("p1", "ghost", 0, 0, "r1", 0, 0, false, 0, 0, false, 0, 0, 0, 0, 0, 0, 0);
        Assert.Contains("unknown account 'ghost'", Assert.Throws<ArgumentException>(() => SwarmAccrual.Restore(options, new SwarmAccrualState(1, 0, [orphan], []))).Message);
    }
}
