using System.Text;
using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>Scheme state: opaque values under string keys, per scheme, written in the ledger's transactions.</summary>
public abstract partial class LedgerStoreContract
{
    [Fact]
    public async Task State_keys_are_written_read_scanned_and_deleted_per_scheme()
    {
        await using var store = await CreateAsync();
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", [Put("p/2", "two"), Put("a", "1"), Put("p/1", "one"), Put("q", "x"), Put("p/3", "three"), Put("empty", "")], ct);
            await tx.PutStateAsync("jobs", [Put("p/1", "jobs")], ct);
            var found = await tx.GetStateAsync("swarm", ["a", "missing", "p/1", "a"], ct);
            Assert.Equal(["a", "p/1"], found.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("one", Encoding.UTF8.GetString(found["p/1"]));
            Assert.Equal(["p/1", "p/2", "p/3"], await tx.ScanStateAsync("swarm", "p/", ct).Select(p => p.Key).ToListAsync(ct));
            return 0;
        });
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", [Put("p/2", null), Put("a", "10"), Put("never-there", null)], ct);
            Assert.Empty(await tx.GetStateAsync("swarm", ["p/2"], ct));
            Assert.Equal(["a", "empty", "p/1", "p/3", "q"], await tx.ScanStateAsync("swarm", "", ct).Select(p => p.Key).ToListAsync(ct));
            Assert.Empty(await tx.ScanStateAsync("nothing", "", ct).ToListAsync(ct));
            return 0;
        });

        Assert.Equal([("a", "10"), ("empty", ""), ("p/1", "one"), ("p/3", "three"), ("q", "x")], await ReadStateAsync(store, "swarm"));
        Assert.Equal([("p/1", "one"), ("p/3", "three")], await ReadStateAsync(store, "swarm", "p/"));
        Assert.Equal([("p/1", "jobs")], await ReadStateAsync(store, "jobs"));
        Assert.Empty(await ReadStateAsync(store, "nothing"));
        Assert.Empty(await ReadStateAsync(store, "swarm", "z"));
    }

    [Fact]
    public async Task State_changes_apply_in_order_and_the_last_change_of_a_key_wins()
    {
        await using var store = await CreateAsync();
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", [Put("k", "1"), Put("k", "2"), Put("k", null), Put("j", "1"), Put("j", null), Put("j", "3")], ct);
            return 0;
        });

        Assert.Equal([("j", "3")], await ReadStateAsync(store, "swarm"));
    }

    [Fact]
    public async Task State_values_are_copied_in_and_out()
    {
        await using var store = await CreateAsync();
        byte[] value = [1, 2, 3];
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", [KeyValuePair.Create<string, byte[]?>("k", value)], ct);
            value[0] = 9;
            (await tx.GetStateAsync("swarm", ["k"], ct))["k"][1] = 9;
            Assert.Equal([1, 2, 3], (await tx.GetStateAsync("swarm", ["k"], ct))["k"]);
            return 0;
        });

        var stored = Assert.Single(await store.ReadStateAsync("swarm").ToListAsync());
        Assert.Equal([1, 2, 3], stored.Value);
        stored.Value[2] = 9;
        Assert.Equal([1, 2, 3], Assert.Single(await store.ReadStateAsync("swarm").ToListAsync()).Value);
    }

    [Fact]
    public async Task State_scans_page_through_many_keys_in_code_point_order()
    {
        await using var store = await CreateAsync();
        // More keys than one page, and keys whose UTF-16 order differs from their code-point order.
        var keys = Enumerable.Range(0, 600).Select(i => $"k/{i:D4}")
            .Concat(["k/\uFF21", "k/\U0001F600", "k/\uE000", "k", "j/1", "l/1", "k0"])
            .ToList();
        await store.WriteAsync(async (tx, ct) =>
        {
            await tx.PutStateAsync("swarm", keys.Select(k => Put(k, k)).ToList(), ct);
            return 0;
        });
        var expected = keys.Where(k => k.StartsWith("k/", StringComparison.Ordinal))
            .OrderBy(k => Encoding.UTF8.GetBytes(k), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ToList();

        await store.WriteAsync(async (tx, ct) =>
        {
            var scanned = new List<string>();
            await foreach (var (key, value) in tx.ScanStateAsync("swarm", "k/", ct))
            {
                Assert.Equal(key, Encoding.UTF8.GetString(value));
                scanned.Add(key);
                // The transaction may be used while scanning.
                if (scanned.Count == 300)
                    await tx.PutStateAsync("other", [Put("seen", "300")], ct);
            }
            Assert.Equal(expected, scanned);
            return 0;
        });
        Assert.Equal(expected, (await store.ReadStateAsync("swarm", "k/").ToListAsync()).Select(p => p.Key));
        Assert.Equal(keys.Count, (await store.ReadStateAsync("swarm").ToListAsync()).Count);
    }

    [Fact]
    public async Task Bad_state_arguments_are_rejected_and_a_value_of_16_MiB_is_accepted()
    {
        await using var store = await CreateAsync();
        await store.WriteAsync(async (tx, ct) =>
        {
            foreach (string key in new[] { "", new string('k', LedgerState.MaxKeyLength + 1), "nul\0", "lone\uD800" })
            {
                await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.PutStateAsync("swarm", [Put(key, "v")], ct));
                await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.GetStateAsync("swarm", [key], ct));
            }
            foreach (string scheme in new[] { "", new string('s', LedgerState.MaxSchemeLength + 1), "s\0" })
            {
                await Assert.ThrowsAnyAsync<ArgumentException>(async () => await tx.PutStateAsync(scheme, [Put("k", "v")], ct));
                Assert.ThrowsAny<ArgumentException>(() => tx.ScanStateAsync(scheme, "", ct));
            }
            Assert.ThrowsAny<ArgumentException>(() => tx.ScanStateAsync("swarm", "p\0", ct));
            var tooBig = await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
                await tx.PutStateAsync("swarm", [KeyValuePair.Create<string, byte[]?>("big", new byte[LedgerState.MaxValueBytes + 1])], ct));
            Assert.Contains("16 MiB", tooBig.Message);
            // A key of the longest length and a value of exactly 16 MiB are fine.
            var largest = new byte[LedgerState.MaxValueBytes];
            largest[^1] = 7;
            await tx.PutStateAsync("swarm", [KeyValuePair.Create<string, byte[]?>(new string('k', LedgerState.MaxKeyLength), largest)], ct);
            return 0;
        });

        var stored = Assert.Single(await store.ReadStateAsync("swarm").ToListAsync());
        Assert.Equal((LedgerState.MaxValueBytes, (byte)7), (stored.Value.Length, stored.Value[^1]));
        Assert.ThrowsAny<ArgumentException>(() => store.ReadStateAsync("", ""));
    }
}
