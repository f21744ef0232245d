using System.Text;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// The entries each body of a group is counted for, with the swarm scheme's reorder window: a body's reports are paid
/// when a later report of their account arrives, possibly in another body or another transaction.
/// </summary>
public sealed class GroupEntriesTests
{
    private const long T0 = 1_767_225_600;
    private static readonly SchemeRegistry Registry = new([new SwarmScheme()]);

    [Fact]
    public async Task ABodyIsCountedForTheEntriesOfItsOwnReportsAndTheFirstBodyForThoseOfReportsHeldByEarlierTransactions()
    {
        using var scorer = ((PointsScheme)Registry.Get(SwarmScheme.SchemeName)).CreateScorer(new SchemeContext(Registry.CreateRuleSets()));
        var ledger = new InMemoryLedgerStore();
        var ingestion = new ReportIngestion();
        var (p, q) = (new RegisteredPeer("p", "alice", ""), new RegisteredPeer("q", "bob", ""));

        // r0 waits in alice's reorder window: nothing is paid yet.
        var earlier = await ingestion.RunGroupAsync([Body(DashboardHost.Report("r0", p, T0, 1e15))], Registry.Decoder, scorer, ledger);
        Assert.Equal((1L, 0L), (earlier[0].Summary.Scored, earlier[0].Summary.Entries));

        var group = await ingestion.RunGroupAsync(
            [
                Body(DashboardHost.Report("s0", q, T0, 1e15)),
                Body(DashboardHost.Report("r1", p, T0 + 60, 1e15)), // pays r0, held since the earlier transaction
                Body(DashboardHost.Report("s1", q, T0 + 60, 1e15)), // pays s0, the first body's report
            ],
            Registry.Decoder, scorer, ledger);

        // A compute and a presence entry per paid report: s0's are the first body's own, r0's (no body of this group)
        // are counted to the first body too; r1 and s1 wait in their windows.
        Assert.Equal([2 + 2, 0, 0], group.Select(o => o.Summary.Entries));
        Assert.All(group, o => Assert.Equal(1, o.Summary.Scored));
        Assert.Equal(4, (await ledger.GetSummaryAsync()).Entries);

        // One transaction per body counts each entry to the body whose report paid it: r0's to r1's body, s0's to
        // s1's. The same entries in all, the same ledger.
        var apart = new InMemoryLedgerStore();
        await ingestion.RunGroupAsync([Body(DashboardHost.Report("r0", p, T0, 1e15))], Registry.Decoder, scorer, apart);
        var oneByOne = new List<IngestionSummary>();
        foreach (var body in new[] { DashboardHost.Report("s0", q, T0, 1e15), DashboardHost.Report("r1", p, T0 + 60, 1e15), DashboardHost.Report("s1", q, T0 + 60, 1e15) })
            oneByOne.Add((await ingestion.RunGroupAsync([Body(body)], Registry.Decoder, scorer, apart))[0].Summary);
        Assert.Equal([0, 2, 2], oneByOne.Select(s => s.Entries));
        Assert.Equal(oneByOne.Select(s => s with { Entries = 0 }), group.Select(o => o.Summary with { Entries = 0 }));
        Assert.Equal(await Totals(apart), await Totals(ledger));
    }

    private static async Task<string[]> Totals(InMemoryLedgerStore ledger) =>
        await ledger.ListAccountTotalsAsync().Select(t => $"{t.Account}={t.Total.Units}").ToArrayAsync();

    private static IngestionInput Body(string lines) => new(new MemoryStream(Encoding.UTF8.GetBytes(lines + "\n")));
}
