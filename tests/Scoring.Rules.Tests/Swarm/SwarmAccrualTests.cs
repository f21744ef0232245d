using System.Text.Json;
using Scoring.Rules.Swarm;
using Scoring.Rules.Tests.Oracles;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>
/// The accrual's facts (counted FLOPs and time, places, watermarks) report by report; the points those facts are worth
/// come from the oracle of the old C# formula (<see cref="SwarmPoints"/>), which the <c>swarm-points</c> rule set must
/// reproduce (<see cref="SwarmSchemeTests"/>).
/// </summary>
public sealed class SwarmAccrualTests
{
    private const double Pflop = 1e15;

    private static (SwarmAccrual Accrual, SwarmAccrualBuffer Sink) Run(SwarmOptions options, params SwarmReport[] reports) =>
        Run(new SwarmAccrual(options), reports);

    private static (SwarmAccrual Accrual, SwarmAccrualBuffer Sink) Run(SwarmAccrual accrual, params SwarmReport[] reports)
    {
        var sink = new SwarmAccrualBuffer();
        foreach (var report in reports)
            Assert.True(accrual.TryIngest(report, sink, out var rejection), rejection?.Reason);
        accrual.Flush(sink);
        return (accrual, sink);
    }

    private static SwarmAccrualEntry Entry(SwarmAccrualBuffer sink, string reportId) => sink.Entries.Single(e => e.ReportId == reportId);

    private static (Points Compute, Points Presence) Paid(SwarmAccrualBuffer sink, string reportId) => SwarmPoints.Pay(sink.Entries)[reportId];

    private static Points Total(SwarmAccrualBuffer sink) => Points.Sum(SwarmPoints.Pay(sink.Entries).Values.Select(p => p.Compute + p.Presence));

    private static SwarmReport Counter(string id, string peer, string account, double t, double flops) => new(id, peer, account, t, CumulativeFlops: flops);

    [Fact]
    public void OnePeerCountsTheCounterIncreaseAndTheTimeOfItsInterval()
    {
        var (_, sink) = Run(new SwarmOptions(),
            Counter("r1", "p1", "alice", 0, 0),
            Counter("r2", "p1", "alice", 60, 3 * Pflop),
            Counter("r3", "p1", "alice", 120, 6 * Pflop));

        var r1 = Entry(sink, "r1");
        Assert.True(r1.StartsInterval);
        Assert.Equal((UInt128.Zero, 0L), (r1.CountedFlops, r1.CountedMicroseconds));
        var r2 = Entry(sink, "r2");
        Assert.Equal((UInt128)(3 * Pflop), r2.CountedFlops);
        Assert.Equal(60_000_000, r2.CountedMicroseconds);
        Assert.Equal(60, r2.CountedSeconds);
        var r3 = Entry(sink, "r3");
        Assert.Equal(((UInt128)(6 * Pflop), 120_000_000L), (r3.TotalCountedFlops, r3.TotalCountedMicroseconds));
        // 60 s = 1/60 h = 0.0166666… points → 16,667 units; the next minute raises the rounded total to 33,333.
        Assert.Equal((Points.FromWhole(3), Points.FromUnits(16_667)), Paid(sink, "r2"));
        Assert.Equal((Points.FromWhole(3), Points.FromUnits(16_666)), Paid(sink, "r3"));
        Assert.Equal(Points.FromUnits(6_033_333), Total(sink));
    }

    [Fact]
    public void ADecreasingCounterIsAResetAndCountsItsNewValue()
    {
        var (_, sink) = Run(new SwarmOptions(),
            Counter("r1", "p1", "alice", 0, 5 * Pflop),
            Counter("r2", "p1", "alice", 60, 2 * Pflop),
            Counter("r3", "p1", "alice", 90, 2.5 * Pflop));

        // The first report counts its whole counter (the node's work since it started), the reset counts 2, then +0.5.
        Assert.Equal((UInt128)(5 * Pflop), Entry(sink, "r1").ReportedFlops);
        Assert.Equal((UInt128)(2 * Pflop), Entry(sink, "r2").ReportedFlops);
        Assert.Equal((UInt128)(0.5 * Pflop), Entry(sink, "r3").ReportedFlops);
        Assert.Equal(Points.FromWhole(5), Paid(sink, "r1").Compute);
        Assert.Equal(Points.FromWhole(2), Paid(sink, "r2").Compute);
        Assert.Equal(Points.FromDouble(0.5), Paid(sink, "r3").Compute);
    }

    [Fact]
    public void TheCounterWinsOverFlopsSinceLastAndSinceLastWorkIsNotPaidTwice()
    {
        var (_, sink) = Run(new SwarmOptions(),
            new SwarmReport("r1", "p1", "alice", 0, CumulativeFlops: 10 * Pflop, FlopsSinceLast: 99 * Pflop),
            new SwarmReport("r2", "p1", "alice", 30, FlopsSinceLast: 4 * Pflop),
            new SwarmReport("r3", "p1", "alice", 60, CumulativeFlops: 15 * Pflop),
            new SwarmReport("r4", "p1", "alice", 90));

        Assert.Equal(Points.FromWhole(10), Paid(sink, "r1").Compute);
        Assert.Equal(Points.FromWhole(4), Paid(sink, "r2").Compute);
        Assert.Equal(Points.FromWhole(1), Paid(sink, "r3").Compute); // 15 − (10 + 4)
        Assert.Equal(Points.Zero, Paid(sink, "r4").Compute); // a heartbeat earns presence only
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
        Assert.Equal((UInt128)(2 * Pflop), r3.CountedFlops); // the work done across the gap still counts
        Assert.Equal(121_000_000, r3.ElapsedMicroseconds);
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
            Assert.Equal((UInt128.Zero, 0L), (Entry(sink, id).CountedFlops, Entry(sink, id).CountedMicroseconds));
            Assert.False(Entry(sink, id).Seated);
        }
        var b5 = Entry(sink, "b5");
        Assert.Equal(60_000_000, b5.ActiveMicroseconds);
        Assert.Equal(30_000_000, b5.CountedMicroseconds); // 240 → 270
        Assert.Equal((UInt128)(30 * Pflop), b5.CountedFlops); // 60 PFLOP over 60 s, 30 s of it counted
        Assert.Equal((UInt128)(60 * Pflop), Entry(sink, "b6").CountedFlops);
        Assert.Equal([new SwarmPlace("alice", "p1", 0, 240_000_000)], sink.Places);
        // The worked example of docs/schemes.md: 92 compute points, 33,333 + 25,000 presence units.
        Assert.Equal(Points.FromUnits(8_333), Paid(sink, "b5").Presence);
        Assert.Equal(Points.Parse("92.058333"), Total(sink));
        Assert.True(accrual.IsOnline("p2", 450));
        Assert.False(accrual.IsOnline("p2", 450.000001));
        Assert.False(accrual.IsOnline("nobody", 0));
        Assert.Equal("alice", accrual.AccountOf("p2"));
        Assert.Null(accrual.AccountOf("nobody"));
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
        Assert.Equal((UInt128)(5 * Pflop), Entry(forward, "a1").CountedFlops);
        Assert.Equal(UInt128.Zero, Entry(forward, "b1").CountedFlops);
        Assert.Equal((UInt128.Zero, 0L), (Entry(forward, "b2").CountedFlops, Entry(forward, "b2").CountedMicroseconds));
    }

    [Fact]
    public void OnePeersReportsAtOneInstantSettleByReportIdNotByArrival()
    {
        // Two counters at the same instant: which one is "later" decides what the second one counts. The report id
        // decides, never the arrival order, so any replay gives the same entries.
        SwarmReport[] reports =
        [
            Counter("r0", "p1", "alice", 0, 0),
            Counter("r2", "p1", "alice", 60, 2 * Pflop),
            Counter("r1", "p1", "alice", 60, 5 * Pflop),
            Counter("r3", "p1", "alice", 120, 6 * Pflop),
        ];
        var (_, arrived) = Run(new SwarmOptions(), reports);
        var (_, swapped) = Run(new SwarmOptions(), [reports[0], reports[2], reports[1], reports[3]]);

        Assert.Equal(arrived.Entries, swapped.Entries);
        Assert.Equal(["r0", "r1", "r2", "r3"], arrived.Entries.Select(e => e.ReportId));
        // r1 (5) then r2 (2): a decrease, i.e. a reset that counts 2; r3 adds 4.
        Assert.Equal((UInt128)(5 * Pflop), Entry(arrived, "r1").ReportedFlops);
        Assert.Equal((UInt128)(2 * Pflop), Entry(arrived, "r2").ReportedFlops);
        Assert.Equal((UInt128)(4 * Pflop), Entry(arrived, "r3").ReportedFlops);
        Assert.Equal(60_000_000, Entry(arrived, "r1").CountedMicroseconds);
        Assert.Equal(0, Entry(arrived, "r2").CountedMicroseconds);
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

    [Fact]
    public void AJumpOrAForgedResetIsCreditedAtMostMaxFlopsPerSecondTimesTheElapsedTime()
    {
        var accrual = new SwarmAccrual(new SwarmOptions(), _ => 1e17);
        var (_, sink) = Run(accrual,
            Counter("r1", "p1", "alice", 0, 1e27),  // first report: at most 1e17 × the 120 s presence timeout
            Counter("r2", "p1", "alice", 30, 0),    // a reset to 0: nothing to credit
            Counter("r3", "p1", "alice", 90, 1e27), // 1e27 "done" in 60 s: at most 6e18
            new SwarmReport("r4", "p1", "alice", 150, FlopsSinceLast: 1e19)); // 1e19 in 60 s: 6e18 again

        var r1 = Entry(sink, "r1");
        Assert.Equal((UInt128)1e27, r1.ReportedFlops);
        Assert.Equal(120_000_000, r1.ElapsedMicroseconds);
        Assert.Equal((UInt128)1.2e19, r1.CreditedFlops);
        Assert.True(r1.IsCapped);
        Assert.Equal(1e17, r1.MaxFlopsPerSecond);
        var r3 = Entry(sink, "r3");
        Assert.Equal(((UInt128)1e27, (UInt128)6e18, 60_000_000L), (r3.ReportedFlops, r3.CreditedFlops, r3.ElapsedMicroseconds));
        Assert.Equal((UInt128)6e18, r3.CountedFlops);
        Assert.False(Entry(sink, "r2").IsCapped);
        Assert.Equal((UInt128)6e18, Entry(sink, "r4").CreditedFlops); // the counter moved to the reported value
        Assert.Equal((UInt128)(1.2e19 + 6e18 + 6e18), Entry(sink, "r4").TotalCountedFlops);
    }

    [Fact]
    public void TheCreditLimitInForceIsTheOneAtTheReportsTime()
    {
        // A limit that doubles from t = 100 (as a later rule-set version would): each report uses the one at its time.
        var accrual = new SwarmAccrual(new SwarmOptions(), micros => micros < 100_000_000 ? 1e15 : 2e15);
        var (_, sink) = Run(accrual,
            Counter("r1", "p1", "alice", 0, 0),
            Counter("r2", "p1", "alice", 60, 1e20),
            Counter("r3", "p1", "alice", 120, 2e20));
        Assert.Equal((UInt128)6e16, Entry(sink, "r2").CreditedFlops);
        Assert.Equal((UInt128)1.2e17, Entry(sink, "r3").CreditedFlops);
    }

    [Theory]
    [InlineData("", "p", "a", 0, null, null, "reportId is missing")]
    [InlineData("r", " ", "a", 0, null, null, "peerId is missing")]
    [InlineData("r", "p", "", 0, null, null, "account is missing")]
    [InlineData("r", "p", "a", double.NaN, null, null, "timestamp must be unix seconds between 0 and 100000000000 (got NaN)")]
    [InlineData("r", "p", "a", -1, null, null, "timestamp must be unix seconds between 0 and 100000000000 (got -1)")]
    [InlineData("r", "p", "a", 0, -5.0, null, "cumulativeFlops must be a whole number of FLOPs between 0 and 1E+27 (got -5)")]
    [InlineData("r", "p", "a", 0, 1.5, null, "cumulativeFlops must be a whole number of FLOPs between 0 and 1E+27 (got 1.5)")]
    [InlineData("r", "p", "a", 0, null, double.PositiveInfinity, "flopsSinceLast must be a whole number of FLOPs between 0 and 1E+27 (got ∞)")]
    [InlineData("r", "p", "a", 0, null, 2e27, "flopsSinceLast must be a whole number of FLOPs between 0 and 1E+27 (got 2E+27)")]
    public void BadFieldsAreRejectedWithTheFieldAndTheValue(string id, string peer, string account, double t, double? cumulative, double? since, string reason)
    {
        var accrual = new SwarmAccrual(new SwarmOptions());
        Assert.False(accrual.TryIngest(new SwarmReport(id, peer, account, t, cumulative, since), new SwarmAccrualBuffer(), out var rejection));
        Assert.Equal(SwarmRejectionKind.Invalid, rejection.Kind);
        Assert.Equal(reason.Replace("∞", double.PositiveInfinity.ToString("R", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), rejection.Reason);
        Assert.Equal(0, accrual.PeerCount);
    }

    [Fact]
    public void AReportAtOrBeforeItsAccountsWatermarkIsLateAndAForeignPeerIsRefusedAndNeitherChangesAnything()
    {
        var accrual = new SwarmAccrual(new SwarmOptions());
        var sink = new SwarmAccrualBuffer();
        Assert.True(accrual.TryIngest(Counter("r1", "p1", "alice", 100, Pflop), sink, out _));
        Assert.True(accrual.TryIngest(Counter("r2", "p2", "alice", 110, Pflop), sink, out _));
        Assert.True(accrual.TryIngest(Counter("r5", "p1", "alice", 141, 1.5 * Pflop), sink, out _)); // settles 100 and 110
        string before = JsonSerializer.Serialize(accrual.CaptureAccount("alice"));

        Assert.False(accrual.TryIngest(Counter("r3", "p1", "alice", 105, 2 * Pflop), sink, out var late));
        Assert.Equal(SwarmRejectionKind.Late, late.Kind);
        Assert.Equal("late report: timestamp 105 is at or before account 'alice''s watermark 110 (its latest settled instant); " +
            "a report must arrive before its account has seen one more than the reorder window (30 s) newer, and before the account is settled", late.Reason);
        // The settled instant itself is closed too: another report at 110 could have changed who held a place.
        Assert.False(accrual.TryIngest(Counter("r6", "p3", "alice", 110, Pflop), sink, out var atWatermark));
        Assert.Equal(SwarmRejectionKind.Late, atWatermark.Kind);
        Assert.False(accrual.TryIngest(Counter("r4", "p1", "bob", 130, Pflop), sink, out var foreign));
        Assert.Equal((SwarmRejectionKind.AnotherAccount, "peer 'p1' belongs to account 'alice', not 'bob'"), (foreign.Kind, foreign.Reason));
        Assert.Equal(before, JsonSerializer.Serialize(accrual.CaptureAccount("alice")));
        Assert.False(accrual.Holds("bob"));

        // Just after the watermark is still in time.
        Assert.True(accrual.TryIngest(Counter("r7", "p3", "alice", 110.000001, Pflop), sink, out _));
        accrual.Flush(sink);
        Assert.Equal(["r1", "r2", "r7", "r5"], sink.Entries.Select(e => e.ReportId));
    }

    [Fact]
    public void FlushSettlesEverythingAndMovesTheWatermarkToTheLatestReport()
    {
        var accrual = new SwarmAccrual(new SwarmOptions());
        var sink = new SwarmAccrualBuffer();
        Assert.True(accrual.TryIngest(Counter("r1", "p1", "alice", 100, Pflop), sink, out _));
        Assert.True(accrual.TryIngest(Counter("r2", "p1", "alice", 110, 2 * Pflop), sink, out _));
        Assert.Empty(sink.Entries); // both within the 30 s window of the newest
        Assert.Equal(["alice"], accrual.AccountsWithPending);
        accrual.Flush(sink);
        Assert.Equal(2, sink.Entries.Count);
        Assert.Empty(accrual.AccountsWithPending);
        Assert.Equal(110_000_000, accrual.CaptureAccount("alice").Settled);
        Assert.False(accrual.TryIngest(Counter("r3", "p1", "alice", 110, 3 * Pflop), sink, out var late));
        Assert.Equal(SwarmRejectionKind.Late, late.Kind);
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
        Assert.Equal(sorted.Entries, jittered.Entries);
        Assert.Equal((UInt128)(3 * Pflop), jittered.Entries.Where(e => e.PeerId == "p1").Select(e => e.CountedFlops).Aggregate(UInt128.Zero, (a, b) => a + b));
        Assert.All(jittered.Entries.Where(e => e.PeerId == "p2"), e => Assert.Equal((UInt128.Zero, 0L), (e.CountedFlops, e.CountedMicroseconds)));
    }

    [Fact]
    public void PaymentsRecordWhatWasPaidAndRefuseATotalThatGoesDown()
    {
        var (accrual, _) = Run(new SwarmOptions(), Counter("r1", "p1", "alice", 0, Pflop));
        Assert.True(accrual.TryPay("p1", 1_000_000, 0, out long compute, out long presence));
        Assert.Equal((1_000_000L, 0L), (compute, presence));
        Assert.True(accrual.TryPay("p1", 1_500_000, 10, out compute, out presence));
        Assert.Equal((500_000L, 10L), (compute, presence));
        Assert.False(accrual.TryPay("p1", 1_400_000, 20, out _, out _));
        var peer = accrual.CaptureAccount("alice").Peers.Single();
        Assert.Equal((1_500_000L, 10L), (peer.ComputeUnits, peer.PresenceUnits));
    }

    [Fact]
    public void AnAccountCapturedAndLoadedElsewhereContinuesExactlyLikeTheUninterruptedRun()
    {
        var options = new SwarmOptions { PeerCap = 1, PeerCapChanges = { new PeerCapChange { From = 150, PeerCap = 2 } } };
        var reports = new List<SwarmReport>();
        for (int i = 0; i < 12; i++)
        {
            reports.Add(new SwarmReport($"a{i}", "p1", "alice", i * 45, CumulativeFlops: i * 3e14));
            reports.Add(new SwarmReport($"b{i}", "p2", "alice", i * 45 + 7, FlopsSinceLast: 1e14));
            reports.Add(new SwarmReport($"c{i}", "p3", "bob", i * 200, CumulativeFlops: (i % 4) * 1e15));
        }
        var (whole, wholeSink) = Run(options, [.. reports]);

        var first = new SwarmAccrual(options, _ => 1e17);
        var sink = new SwarmAccrualBuffer();
        foreach (var r in reports.Take(17))
            Assert.True(first.TryIngest(r, sink, out _));
        // Each account travels on its own, through JSON, as the scheme keeps it in the ledger.
        var resumed = new SwarmAccrual(options, _ => 1e17);
        foreach (var account in new[] { "bob", "alice" })
            resumed.Load(JsonSerializer.Deserialize<SwarmAccountState>(JsonSerializer.Serialize(first.CaptureAccount(account)))!);
        Assert.Empty(resumed.ChangedAccounts);
        foreach (var r in reports.Skip(17))
            Assert.True(resumed.TryIngest(r, sink, out _));
        resumed.Flush(sink);

        Assert.Equal(wholeSink.Entries.Select(e => e with { MaxFlopsPerSecond = 0 }), sink.Entries.Select(e => e with { MaxFlopsPerSecond = 0 }));
        Assert.Equal(wholeSink.Places, sink.Places);
        Assert.Equal(JsonSerializer.Serialize(whole.Capture()), JsonSerializer.Serialize(resumed.Capture()));
        Assert.Equal(JsonSerializer.Serialize(whole.Capture()),
            JsonSerializer.Serialize(SwarmAccrual.Restore(options, JsonSerializer.Deserialize<SwarmAccrualState>(JsonSerializer.Serialize(whole.Capture()))!).Capture()));
    }

    [Fact]
    public void TheStateRoundTripsThroughJsonWithLargeCountersAsNumbers()
    {
        var (accrual, _) = Run(new SwarmOptions(), Counter("r1", "p1", "alice", 0, 5e26), Counter("r2", "p1", "alice", 60, 9e26));
        string json = JsonSerializer.Serialize(accrual.CaptureAccount("alice"));
        Assert.Contains($"\"Counter\":{(UInt128)9e26},", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<SwarmAccountState>(json)));
    }

    [Fact]
    public void LoadAndRestoreRejectAnInconsistentState()
    {
        var options = new SwarmOptions();
        Assert.Contains("version 99", Assert.Throws<ArgumentException>(() => SwarmAccrual.Restore(options, new SwarmAccrualState(99, []))).Message, StringComparison.Ordinal);

        var (accrual, _) = Run(options, Counter("r1", "p1", "alice", 0, 0));
        var alice = accrual.CaptureAccount("alice");
        var twice = new SwarmAccrual(options);
        twice.Load(alice);
        Assert.Contains("account 'alice' is loaded twice", Assert.Throws<ArgumentException>(() => twice.Load(alice)).Message, StringComparison.Ordinal);
        var samePeer = alice with { Account = "bob" };
        Assert.Contains("peer 'p1' of account 'bob' is held twice", Assert.Throws<ArgumentException>(() => twice.Load(samePeer)).Message, StringComparison.Ordinal);
        var orphan = alice with { Pending = [new SwarmPendingReport("r9", "ghost", 5, 1, null)] };
        Assert.Contains("names peer 'ghost', which is not a peer of account 'alice'",
            Assert.Throws<ArgumentException>(() => new SwarmAccrual(options).Load(orphan)).Message, StringComparison.Ordinal);
        var capIndex = alice with { CapIndex = 1 };
        Assert.Contains("which do not match the options (0 cap changes)",
            Assert.Throws<ArgumentException>(() => new SwarmAccrual(options).Load(capIndex)).Message, StringComparison.Ordinal);
    }
}
