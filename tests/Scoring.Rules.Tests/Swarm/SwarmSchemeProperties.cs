using FsCheck;
using FsCheck.Fluent;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Swarm;
using Scoring.Rules.Tests.Oracles;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>
/// The scheme end to end equals the accrual paid by the old formula, report by report, however the input is cut into
/// batches and runs: the ledger is a function of the accepted reports.
/// </summary>
public sealed class SwarmSchemeProperties
{
    private const double T0 = 1_767_225_600;

    [Fact]
    public void The_ledger_is_the_accrual_paid_by_the_old_formula_whatever_the_batches_and_runs()
    {
        var cases = from scenario in SwarmScenario.Arbitrary().Generator
                    from batchSize in Gen.Choose(1, 40)
                    from cut in Gen.Choose(0, 100)
                    select (scenario, batchSize, cut);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (scenario, batchSize, cut) = c;
            var options = scenario.Options();
            foreach (var change in options.PeerCapChanges)
                change.From += T0;
            // The format has no bare heartbeat: a report carries at least one FLOP field, and 0 FLOPs since the last is one.
            var stream = scenario.Stream(scenario.Seed)
                .Select(r => r with { Timestamp = r.Timestamp + T0, FlopsSinceLast = r.CumulativeFlops is null ? r.FlopsSinceLast ?? 0 : r.FlopsSinceLast })
                .ToList();

            // The reference: one in-order accrual with the rule set's default credit limit, paid by the oracle.
            var sink = SwarmScenario.Run(new SwarmAccrual(options, _ => 1e17), stream);
            var paid = SwarmPoints.Pay(sink.Entries);
            var expected = sink.Entries
                .SelectMany(e => new[] { (e.PeerId, e.ReportId, SwarmScheme.ComputeKind, paid[e.ReportId].Compute), (e.PeerId, e.ReportId, SwarmScheme.PresenceKind, paid[e.ReportId].Presence) })
                .Order().ToList();

            var run = new SchemeRun(new SwarmScheme(options));
            var reports = stream.Select(r => (Report)new SwarmPeerReport(r.ReportId, r.PeerId, r.Account, r.Timestamp, r.CumulativeFlops, r.FlopsSinceLast)).ToList();
            int at = reports.Count * cut / 100;
            var first = run.RunAsync(reports.Take(at), batchSize, settle: false).GetAwaiter().GetResult();
            var second = run.RunAsync(reports.Skip(at), batchSize).GetAwaiter().GetResult();
            var actual = run.EntriesAsync(SwarmScheme.SchemeName).GetAwaiter().GetResult()
                .Select(e => (e.Peer, e.ReportId, e.Kind, e.Amount)).Order().ToList();

            return (first.Scored + second.Scored == reports.Count).Label("every report accepted")
                .And(actual.SequenceEqual(expected).Label($"entries: {actual.Count} in the ledger, {expected.Count} expected"));
        }));
    }
}
