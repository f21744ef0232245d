using Scoring.Ingestion;
using Scoring.Rules.Swarm;
using static Scoring.Rules.Tests.Swarm.SwarmLines;

namespace Scoring.Rules.Tests.Swarm;

/// <summary>The safety rules of report keys, on the swarm scheme: an id is its producer's, and a changed re-send is a conflict.</summary>
public sealed class SwarmReportKeyTests
{
    private const string Currency = SwarmScheme.SchemeName;

    // P's own reports at 0, 60 and 120 s: 3 PFLOP in its second minute, two minutes of presence → 3.033333 points.
    private static readonly string[] P =
    [
        Since("P", "alice", 0, 0),
        Since("P", "alice", 60, 3e15),
        Since("P", "alice", 120, 0),
    ];

    // Q, another account's peer, sends a report with the id P's second report derives: "P@1767225660".
    private static readonly string Q = Since("Q", "mallory", 30, 1e15, id: "P@1767225660");

    [Fact]
    public async Task Another_peer_sending_a_peers_id_first_in_the_same_input_does_not_block_it()
    {
        var run = new SchemeRun(new SwarmScheme());
        var summary = await run.RunAsync([Q, .. P]);

        Assert.Equal(new IngestionSummary(4, 4, 0, 0, 0, 0, 8), summary);
        Assert.Equal(Points.Parse("3.033333"), await run.TotalAsync("alice", Currency));
        Assert.True(await run.Ledger.ContainsReportAsync(Currency, "P", "P@1767225660"));
        Assert.True(await run.Ledger.ContainsReportAsync(Currency, "Q", "P@1767225660"));
        Assert.Equal(Points.FromWhole(1), await run.TotalAsync("mallory", Currency)); // Q's own report counts for Q
    }

    [Fact]
    public async Task Another_peer_sending_a_peers_id_in_an_earlier_input_does_not_block_it()
    {
        var run = new SchemeRun(new SwarmScheme());
        await run.RunAsync([Q]);
        var summary = await run.RunAsync(P);

        Assert.Equal(new IngestionSummary(3, 3, 0, 0, 0, 0, 6), summary);
        Assert.Equal(Points.Parse("3.033333"), await run.TotalAsync("alice", Currency));
    }

    [Fact]
    public async Task A_peer_sending_its_id_again_with_other_work_is_a_conflict_counted_and_refused_and_nothing_changes()
    {
        var run = new SchemeRun(new SwarmScheme());
        await run.RunAsync(P, settle: false);
        var before = await run.Ledger.GetSummaryAsync();

        // The same id and peer claiming 9 PFLOP instead of 3: refused. A byte-for-byte re-send is a harmless duplicate.
        var forged = Since("P", "alice", 60, 9e15);
        var summary = await run.RunAsync([forged, P[1]], settle: false);

        Assert.Equal(new IngestionSummary(2, 0, 1, 1, 0, 0, 0), summary);
        var conflict = Assert.Single(run.Rejects.Rejections);
        Assert.Equal((1L, RejectionKind.Conflict, "$"), (conflict.Line, conflict.Kind, conflict.Field));
        Assert.Equal("conflict: 'P' sent report id 'P@1767225660' before with different content; a re-sent report must be identical, new work needs a new id",
            conflict.Reason);
        Assert.Equal(forged, conflict.Raw);
        Assert.Equal(before, await run.Ledger.GetSummaryAsync());

        await run.RunAsync(Array.Empty<string>(), settle: true);
        Assert.Equal(Points.Parse("3.033333"), await run.TotalAsync("alice", Currency));
    }

    [Fact]
    public async Task The_same_report_from_another_account_is_another_peers_conflict_not_a_new_report()
    {
        // The key is (currency, producer, id): the account is content, so moving a report to another account conflicts.
        var run = new SchemeRun(new SwarmScheme());
        await run.RunAsync(P);
        var summary = await run.RunAsync([P[1].Replace("alice", "mallory", StringComparison.Ordinal)]);
        Assert.Equal(1, summary.Conflicts);
        Assert.Equal(Points.Parse("3.033333"), await run.TotalAsync("alice", Currency));
        Assert.Equal(Points.Zero, await run.TotalAsync("mallory", Currency));
    }
}
