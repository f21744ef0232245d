using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>One write transaction: keys, entries and state commit together, or not at all; transient failures run the work again.</summary>
public abstract partial class LedgerStoreContract
{
    [Fact]
    public async Task A_write_commits_keys_entries_and_state_together()
    {
        await using var store = await CreateAsync();
        var report = With("r1", "alice", 3,
            new LedgerPosting("alice", "p1", "compute", Points.FromUnits(10)),
            new LedgerPosting("alice", "p1", "tokens", Points.FromUnits(4)) { ActiveSeconds = 30 }) with { Producer = "p1" };

        string result = await store.WriteAsync(async (tx, ct) =>
        {
            Assert.Equal(_time.Now, tx.Now);
            await tx.RecordAsync([ReportKey.Of(report)], ct);
            Assert.Equal(2, await tx.AppendEntriesAsync([report], ct));
            await tx.PutStateAsync("swarm", [Put("cursor", "r1")], ct);
            // The transaction sees its own writes.
            Assert.Equal("r1", System.Text.Encoding.UTF8.GetString((await tx.GetStateAsync("swarm", ["cursor"], ct))["cursor"]));
            Assert.Equal([ReportKeyStatus.Duplicate], await tx.ClassifyAsync([ReportKey.Of(report)], ct));
            return "done";
        });

        Assert.Equal("done", result);
        Assert.True(await store.ContainsReportAsync("swarm", "p1", "r1"));
        var entries = await store.ListEntriesAsync(new EntryQuery()).ToListAsync();
        Assert.Equal(["compute", "tokens"], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(_time.Now, e.RecordedTime));
        var totals = (await store.GetAccountTotalsAsync("alice"))!;
        Assert.Equal((14L, 30L, 2L), (totals.Total.Units, totals.ActiveSeconds, totals.EntryCount));
        Assert.Equal(Parts(("compute", 10), ("tokens", 4)), totals.Parts);
        Assert.Equal([("cursor", "r1")], await ReadStateAsync(store, "swarm"));
        // The key was recorded with the report's content hash: sending the report again is a duplicate.
        Assert.Equal(new AppendResult(0, 1, 0), await store.AppendAsync(Batch(report)));
    }

    [Fact]
    public async Task A_work_that_throws_leaves_nothing_behind()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r0", "alice", 5)));
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", [Put("kept", "before")], ct);
            return 0;
        });
        var before = await store.GetSummaryAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(async (tx, ct) =>
        {
            var report = Compute("r1", "alice", 7);
            await tx.RecordAsync([ReportKey.Of(report)], ct);
            await tx.AppendEntriesAsync([report, Compute("r2", "bob", 1)], ct);
            await tx.PutStateAsync("swarm", [Put("kept", "changed"), Put("new", "x")], ct);
            throw new InvalidOperationException("the work failed");
        }));

        Assert.Equal("the work failed", error.Message);
        await AssertUnchangedAsync(store, before);
    }

    [Fact]
    public async Task A_cancelled_work_leaves_nothing_behind()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r0", "alice", 5)));
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", [Put("kept", "before")], ct);
            return 0;
        });
        var before = await store.GetSummaryAsync();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync(async (tx, ct) =>
        {
            var report = Compute("r1", "alice", 7);
            await tx.RecordAsync([ReportKey.Of(report)], ct);
            await tx.AppendEntriesAsync([report, Compute("r2", "bob", 1)], ct);
            await tx.PutStateAsync("swarm", [Put("kept", "changed"), Put("new", "x")], ct);
            // Cancelled after the last write and before the commit: the work returns, nothing is committed.
            cancel.Cancel();
            return 0;
        }, cancel.Token));

        await AssertUnchangedAsync(store, before);
    }

    [Fact]
    public async Task A_transient_failure_runs_the_work_again_and_only_the_last_run_counts()
    {
        await using var store = await CreateAsync();
        int runs = 0;

        int result = await store.WriteAsync(async (tx, ct) =>
        {
            int run = ++runs;
            var report = Compute($"run-{run}", "alice", run);
            Assert.Equal([ReportKeyStatus.New], await tx.ClassifyAsync([ReportKey.Of(report)], ct));
            await tx.RecordAsync([ReportKey.Of(report)], ct);
            await tx.AppendEntriesAsync([report], ct);
            await tx.PutStateAsync("swarm", [Put("run", $"{run}"), Put($"only-in-run-{run}", "x")], ct);
            // What a store's own transient error does (busy file, deadlock, serialization failure, lost key race):
            // the transaction is rolled back and the work runs again from the start.
            if (run == 1)
                throw new TransientLedgerException("injected transient failure");
            return run;
        });

        Assert.Equal((2, 2), (result, runs));
        Assert.False(await store.ContainsReportAsync("swarm", "", "run-1"));
        Assert.True(await store.ContainsReportAsync("swarm", "", "run-2"));
        Assert.Equal(2, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(["run-2"], (await store.ListEntriesAsync(new EntryQuery()).ToListAsync()).Select(e => e.ReportId));
        Assert.Equal([("only-in-run-2", "x"), ("run", "2")], await ReadStateAsync(store, "swarm"));
    }

    [Fact]
    public async Task A_failed_call_inside_a_write_leaves_nothing_of_itself_and_the_work_goes_on()
    {
        await using var store = await CreateAsync();
        await store.AppendAsync(Batch(Compute("r0", "alice", long.MaxValue - 10)));

        await store.WriteAsync(async (tx, ct) =>
        {
            Assert.Equal(1, await tx.AppendEntriesAsync([Compute("r1", "bob", 5)], ct));
            // carol's entry and alice's overflowing one are one call: neither is written.
            var overflow = await Assert.ThrowsAsync<LedgerOverflowException>(async () =>
                await tx.AppendEntriesAsync([Compute("r2", "carol", 1), Compute("r3", "alice", 11)], ct));
            Assert.Contains("the total of account 'alice' in scheme 'swarm'", overflow.Message);
            await Assert.ThrowsAsync<LedgerValidationException>(async () => await tx.AppendEntriesAsync([Compute("r4", "dave", -1)], ct));
            Assert.Equal(1, await tx.AppendEntriesAsync([Compute("r5", "bob", 2)], ct));
            return 0;
        });

        Assert.Equal(7, (await store.GetAccountTotalsAsync("bob"))!.Total.Units);
        Assert.Null(await store.GetAccountTotalsAsync("carol"));
        Assert.Equal(long.MaxValue - 10, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Equal(["r0", "r1", "r5"], (await store.ListEntriesAsync(new EntryQuery()).ToListAsync()).Select(e => e.ReportId));
        var entries = await store.ListEntriesAsync(new EntryQuery()).ToListAsync();
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
    }

    [Fact]
    public async Task Writers_take_turns_so_state_read_in_a_write_is_not_overwritten_by_another()
    {
        await using var store = await CreateAsync();
        const int Writers = 4, Increments = 10;

        // Read-modify-write of one counter from concurrent writers: a lost update would show as a smaller count.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < Increments; i++)
            {
                await store.WriteAsync(async (tx, ct) =>
                {
                    var found = await tx.GetStateAsync("counter", ["n"], ct);
                    long n = found.TryGetValue("n", out var bytes) ? BitConverter.ToInt64(bytes) : 0;
                    await Task.Yield();
                    await tx.PutStateAsync("counter", [KeyValuePair.Create<string, byte[]?>("n", BitConverter.GetBytes(n + 1))], ct);
                    return n;
                });
            }
        })));

        var state = await store.ReadStateAsync("counter").ToListAsync();
        Assert.Equal(Writers * Increments, BitConverter.ToInt64(Assert.Single(state).Value));
    }

    [Fact]
    public async Task A_transaction_cannot_be_used_after_its_work_returns()
    {
        await using var store = await CreateAsync();
        ILedgerTransaction? kept = null;
        await store.WriteAsync((tx, ct) =>
        {
            kept = tx;
            return ValueTask.FromResult(0);
        });

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await kept!.AppendEntriesAsync([Compute("r1", "alice", 1)]));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await kept!.PutStateAsync("swarm", [Put("k", "v")]));
        Assert.Equal(0, (await store.GetSummaryAsync()).Entries);
    }

    /// <summary>The ledger holds r0 (alice, 5) and the state key "kept" = "before", and nothing else.</summary>
    private static async Task AssertUnchangedAsync(ILedgerStore store, LedgerSummary before)
    {
        Assert.Equal(before, await store.GetSummaryAsync());
        Assert.False(await store.ContainsReportAsync("swarm", "", "r1"));
        Assert.Equal(5, (await store.GetAccountTotalsAsync("alice"))!.Total.Units);
        Assert.Null(await store.GetAccountTotalsAsync("bob"));
        Assert.Equal(["r0"], (await store.ListEntriesAsync(new EntryQuery()).ToListAsync()).Select(e => e.ReportId));
        Assert.Equal([("kept", "before")], await ReadStateAsync(store, "swarm"));
    }

    private static async Task<List<(string, string)>> ReadStateAsync(ILedgerStore store, string scheme, string prefix = "") =>
        (await store.ReadStateAsync(scheme, prefix).ToListAsync()).Select(p => (p.Key, System.Text.Encoding.UTF8.GetString(p.Value))).ToList();
}
