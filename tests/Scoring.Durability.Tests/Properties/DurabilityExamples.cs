using Scoring.Durability.Tests.Harness;
using Scoring.Durability.Tests.Streams;
using Scoring.Ledger;
using Scoring.Ingestion;
using Scoring.Rules.Swarm;

namespace Scoring.Durability.Tests.Properties;

/// <summary>Failures the properties found, shrunk and kept as examples.</summary>
public sealed class DurabilityExamples
{
    /// <summary>
    /// A report the scheme refuses (here: late) does not make a later report with its id in the same batch a duplicate or
    /// a conflict of it — nothing of it is in the ledger. Its copy is late again, and a corrected re-send is scored, in
    /// one batch as in batches of one.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public async Task A_refused_report_makes_no_duplicate_or_conflict_of_its_id_later_in_the_batch(int batchSize)
    {
        var setup = new SwarmSetup(cap: 2, capChange: null, reorderSeconds: 10, pointsV2From: null);
        const double T0 = SwarmStreams.T0;
        SwarmPeerReport[] reports =
        [
            new("a-1", "p-a", "alice", T0 + 100, 1e15, null),
            new("a-2", "p-a", "alice", T0 + 200, 2e15, null), // settles T0 + 100: the watermark
            new("b-1", "p-b", "alice", T0 + 50, 1e15, null), // late
            new("b-1", "p-b", "alice", T0 + 50, 1e15, null), // the same again: late again
            new("b-1", "p-b", "alice", T0 + 205, 1e15, null), // corrected: other content, after the watermark
            new("a-2", "p-a", "alice", T0 + 200, 2e15, null), // a duplicate of an accepted report
        ];
        await using var ledger = new InMemoryLedgerStore();
        var run = await setup.Harness.RunAsync(ledger, reports, batchSize, settle: true);

        Assert.Equal(new IngestionSummary(Read: 6, Scored: 3, Duplicates: 1, Conflicts: 0, Late: 2, Rejected: 0, Entries: 6), run.Summary);
        Assert.Equal([3L, 4L], run.Refused.Select(r => r.Line));
        Assert.True(await ledger.ContainsReportAsync(SwarmScheme.SchemeName, "p-b", "b-1"));
        await setup.Harness.AssertFunctionOfAcceptedAsync(ledger, reports, $"batches of {batchSize}");
    }
}
