using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>Report keys: bound to their producer, with a content hash that tells a duplicate from a conflict.</summary>
public abstract partial class LedgerStoreContract
{
    [Fact]
    public async Task Report_ids_are_bound_to_their_producer()
    {
        await using var store = await CreateAsync();
        var fromP = Compute("r1", "alice", 5, producer: "peer-p");
        var fromQ = Compute("r1", "bob", 7, producer: "peer-q");

        // Q sends r1 first: that is Q's r1, it cannot take P's.
        Assert.Equal(new AppendResult(1, 0, 1), await store.AppendAsync(Batch(fromQ)));
        Assert.Equal(new AppendResult(1, 0, 1), await store.AppendAsync(Batch(fromP)));
        Assert.Equal(new AppendResult(0, 2, 0), await store.AppendAsync(Batch(fromP, fromQ)));

        Assert.True(await store.ContainsReportAsync("swarm", "peer-p", "r1"));
        Assert.True(await store.ContainsReportAsync("swarm", "peer-q", "r1"));
        Assert.False(await store.ContainsReportAsync("swarm", "", "r1"));
        Assert.False(await store.ContainsReportAsync("swarm", "peer-r", "r1"));
        Assert.False(await store.ContainsReportAsync("jobs", "peer-p", "r1"));
        Assert.Equal((5L, 7L), ((await store.GetAccountTotalsAsync("alice"))!.Total.Units, (await store.GetAccountTotalsAsync("bob"))!.Total.Units));
        Assert.Equal(2, (await store.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task The_same_id_with_other_content_is_a_conflict_and_changes_nothing()
    {
        await using var store = await CreateAsync();
        var original = Compute("r1", "alice", 100, producer: "p");
        await store.AppendAsync(Batch(original));

        var result = await store.AppendAsync(Batch(
            original,
            original with { Postings = [new LedgerPosting("alice", "peer-1", "compute", Points.FromUnits(101))] },
            original with { ReportTime = T0.AddMinutes(1) },
            original with { RuleSetHash = "sha256:other" },
            original with { Postings = [original.Postings[0] with { Peer = "peer-2" }] },
            original with { Postings = [original.Postings[0] with { ActiveSeconds = 1 }] },
            // The key is (scheme, producer, id): another producer's r1 is new.
            original with { Producer = "q" }));

        Assert.Equal(new AppendResult(1, 1, 1, 5), result);
        Assert.Equal(Points.FromUnits(200), (await store.GetAccountTotalsAsync("alice"))!.Total);
        Assert.Equal(2, (await store.GetSummaryAsync()).Entries);
    }

    [Fact]
    public async Task A_manual_report_sent_again_unchanged_is_a_duplicate_and_with_another_reason_a_conflict()
    {
        await using var store = await CreateAsync();
        var slash = Slash("s1", "alice", -5);
        await store.AppendAsync(Batch(Compute("r1", "alice", 50), slash));

        var again = await store.AppendAsync(Batch(
            Slash("s1", "alice", -5),
            slash with { Postings = [slash.Postings[0] with { Reason = "another reason" }] },
            slash with { Postings = [slash.Postings[0] with { Operator = "someone else" }] },
            Slash("s1", "alice", -6)));

        Assert.Equal(new AppendResult(0, 1, 0, 3), again);
        Assert.Equal(Points.FromUnits(45), (await store.GetAccountTotalsAsync("alice"))!.Total);
    }

    [Fact]
    public async Task Classify_compares_with_the_ledger_the_transaction_and_earlier_keys_of_the_list()
    {
        await using var store = await CreateAsync();
        var stored = Compute("r0", "alice", 1, producer: "p");
        await store.AppendAsync(Batch(stored));
        long hash0 = LedgerReports.ContentHash(stored);

        await store.WriteAsync(async (tx, ct) =>
        {
            Assert.Equal(
                [ReportKeyStatus.Duplicate, ReportKeyStatus.Conflict, ReportKeyStatus.New, ReportKeyStatus.Duplicate, ReportKeyStatus.Conflict, ReportKeyStatus.New],
                await tx.ClassifyAsync([Key("r0", hash0, "p"), Key("r0", hash0 + 1, "p"), Key("r1", 10, "p"), Key("r1", 10, "p"), Key("r1", 11, "p"), Key("r1", 10, "q")], ct));
            Assert.Empty(await tx.ClassifyAsync([], ct));

            await tx.RecordAsync([Key("r1", 10, "p")], ct);
            Assert.Equal(
                [ReportKeyStatus.Duplicate, ReportKeyStatus.Conflict, ReportKeyStatus.New],
                await tx.ClassifyAsync([Key("r1", 10, "p"), Key("r1", 11, "p"), Key("r2", 1, "p")], ct));

            // Recording what is not new fails naming the key, records nothing of the call, and the work may go on.
            var again = await Assert.ThrowsAsync<InvalidOperationException>(async () => await tx.RecordAsync([Key("r4", 1, "p"), Key("r1", 10, "p")], ct));
            Assert.Contains("'swarm/p/r1'", again.Message);
            var inLedger = await Assert.ThrowsAsync<InvalidOperationException>(async () => await tx.RecordAsync([Key("r5", 1, "p"), Key("r0", hash0, "p")], ct));
            Assert.Contains("'swarm/p/r0'", inLedger.Message);
            var twice = await Assert.ThrowsAsync<InvalidOperationException>(async () => await tx.RecordAsync([Key("r6", 1, "p"), Key("r6", 2, "p")], ct));
            Assert.Contains("twice", twice.Message);
            Assert.Equal(
                [ReportKeyStatus.New, ReportKeyStatus.New, ReportKeyStatus.New],
                await tx.ClassifyAsync([Key("r4", 1, "p"), Key("r5", 1, "p"), Key("r6", 1, "p")], ct));
            return 0;
        });

        Assert.True(await store.ContainsReportAsync("swarm", "p", "r1"));
        foreach (string id in new[] { "r2", "r4", "r5", "r6" })
            Assert.False(await store.ContainsReportAsync("swarm", "p", id));
        // The transaction recorded a key without entries, under a hash of its own: the real report is a conflict.
        Assert.Equal(new AppendResult(0, 0, 0, 1), await store.AppendAsync(Batch(Compute("r1", "bob", 3, producer: "p"))));
        Assert.Null(await store.GetAccountTotalsAsync("bob"));
        Assert.Equal(2, (await store.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task The_ingestions_distinct_keys_are_classified_across_lookup_slices_as_the_public_call_classifies_them()
    {
        await using var store = await CreateAsync();
        // More keys than three lookup slices, from two producers; known before: a few in each slice, some re-sent unchanged
        // (duplicates), some with other content (conflicts), one at each slice's edge.
        int count = 2 * LedgerTransaction.LookupSlice + 700;
        var keys = Enumerable.Range(0, count).Select(i => Key($"r{i}", 1_000 + i, i % 2 == 0 ? "p" : "q")).ToArray();
        int[] known = [0, 5, LedgerTransaction.LookupSlice - 1, LedgerTransaction.LookupSlice, LedgerTransaction.LookupSlice + 17, 2 * LedgerTransaction.LookupSlice, count - 1];
        int[] changed = [5, LedgerTransaction.LookupSlice, count - 1];
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.RecordAsync([.. known.Select(i => changed.Contains(i) ? keys[i] with { ContentHash = -keys[i].ContentHash } : keys[i])], ct);
            return 0;
        });

        await store.WriteAsync(async (tx, ct) =>
        {
            var expected = await tx.ClassifyAsync(keys, ct);
            Assert.Equal(expected, await LedgerTransaction.ClassifyDistinctAsync(tx, keys, ct));
            Assert.Equal(known.Length - changed.Length, expected.Count(s => s == ReportKeyStatus.Duplicate));
            Assert.Equal(changed.Length, expected.Count(s => s == ReportKeyStatus.Conflict));

            await LedgerTransaction.RecordDistinctAsync(tx, [.. keys.Where((_, i) => expected[i] == ReportKeyStatus.New)], ct);
            Assert.DoesNotContain(ReportKeyStatus.New, await LedgerTransaction.ClassifyDistinctAsync(tx, keys, ct));
            return 0;
        });
        Assert.Equal(count, (await store.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task A_large_batch_mixing_new_known_repeated_and_conflicting_keys_is_classified_like_small_ones()
    {
        await using var store = await CreateAsync();
        var reports = Enumerable.Range(0, 200).Select(i => Compute($"r{i}", $"acct-{i % 9}", i + 1, producer: $"p{i % 3}")).ToArray();
        // Known before: every 25th report, none of them first in the batch.
        await store.AppendAsync(new LedgerBatch(reports.Where((_, i) => i % 25 == 7)));

        var batch = new List<LedgerReport>(reports);
        batch.Insert(60, reports[10]);                                  // a copy of a report 50 places (another chunk) earlier
        batch.Insert(150, reports[140] with { ReportTime = T0.AddMinutes(1) }); // the same key with other content
        batch.Insert(100, reports[32] with { ReportTime = T0.AddMinutes(1) });  // a known key with other content
        var result = await store.AppendAsync(new LedgerBatch(batch));

        Assert.Equal(new AppendResult(200 - 8, 8 + 1, 200 - 8, 2), result);
        var expected = new InMemoryLedgerStore();
        await expected.AppendAsync(new LedgerBatch(reports));
        Assert.Equal(await expected.ListAccountTotalsAsync().ToListAsync(), await store.ListAccountTotalsAsync().ToListAsync());
        Assert.Equal(200, (await store.GetSummaryAsync()).Reports);
        Assert.Equal(new AppendResult(0, 200, 0), await store.AppendAsync(new LedgerBatch(reports)));
    }

    [Fact]
    public async Task Report_keys_are_checked()
    {
        await using var store = await CreateAsync();
        await store.WriteAsync(async (tx, ct) =>
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.ClassifyAsync([Key(" ", 1)], ct));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.ClassifyAsync([Key("r1", 1, scheme: "")], ct));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.RecordAsync([Key("r1", 1, producer: new string('p', 257))], ct));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.RecordAsync([Key("r\0", 1)], ct));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.ClassifyAsync(null!, ct));
            return 0;
        });
        Assert.Equal(0, (await store.GetSummaryAsync()).Reports);
    }
}
