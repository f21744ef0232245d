using System.Text.Json.Serialization;
using Scoring.Ledger;
using Scoring.Schemes;

namespace Scoring.Sdk.Tests.Schemes;

/// <summary>
/// <see cref="SchemeStateCache{T}"/>: a value a scorer wrote or read is handed out again only while the ledger holds
/// exactly its bytes; another writer's change and a rolled-back write are read from the ledger.
/// </summary>
public class SchemeStateCacheTests
{
    private const string Scheme = "meter";

    [Fact]
    public async Task A_value_written_is_handed_out_again_while_the_ledger_holds_its_bytes()
    {
        var ledger = new InMemoryLedgerStore();
        var cache = new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally);
        var written = new Tally("alice", 3);
        await WriteAsync(ledger, state => state.Set("alice", written, cache));

        var read = await ReadAsync(ledger, cache, "alice");

        Assert.Same(written, read);
    }

    [Fact]
    public async Task A_value_read_is_kept_and_handed_out_again()
    {
        var ledger = new InMemoryLedgerStore();
        await WriteAsync(ledger, state => state.Set("alice", new Tally("alice", 3), TallyJsonContext.Default.Tally));
        var cache = new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally);

        var first = await ReadAsync(ledger, cache, "alice");
        var second = await ReadAsync(ledger, cache, "alice");

        Assert.Equal(new Tally("alice", 3), first);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Another_writers_change_is_read_from_the_ledger()
    {
        var ledger = new InMemoryLedgerStore();
        var cache = new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally);
        await WriteAsync(ledger, state => state.Set("alice", new Tally("alice", 3), cache));
        // Another scorer (a second process on the same ledger) without this cache.
        await WriteAsync(ledger, state => state.Set("alice", new Tally("alice", 7), TallyJsonContext.Default.Tally));

        Assert.Equal(new Tally("alice", 7), await ReadAsync(ledger, cache, "alice"));
    }

    [Fact]
    public async Task A_write_that_was_rolled_back_is_not_handed_out()
    {
        var ledger = new InMemoryLedgerStore();
        var cache = new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally);
        await WriteAsync(ledger, state => state.Set("alice", new Tally("alice", 3), cache));

        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteAsync(ledger, state =>
        {
            state.Set("alice", new Tally("alice", 4), cache);
            throw new InvalidOperationException("the transaction fails after the write");
        }));

        Assert.Equal(new Tally("alice", 3), await ReadAsync(ledger, cache, "alice"));
    }

    [Fact]
    public async Task A_full_cache_starts_over_and_every_read_stays_right()
    {
        var ledger = new InMemoryLedgerStore();
        var cache = new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally, capacity: 2);
        string[] names = ["alice", "bob", "carol", "dave", "erin"];
        await WriteAsync(ledger, state =>
        {
            for (int i = 0; i < names.Length; i++)
                state.Set(names[i], new Tally(names[i], i), cache);
        });

        for (int i = 0; i < names.Length; i++)
            Assert.Equal(new Tally(names[i], i), await ReadAsync(ledger, cache, names[i]));
        Assert.InRange(cache.Count, 1, 2);
    }

    [Fact]
    public async Task A_value_set_in_the_same_batch_is_read_back_as_set()
    {
        var ledger = new InMemoryLedgerStore();
        var cache = new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally);
        var written = new Tally("alice", 3);
        Tally? read = null;
        await ledger.WriteAsync(async (transaction, token) =>
        {
            var state = new SchemeState(Scheme, transaction);
            state.Set("alice", written, cache);
            read = (await state.GetAsync(["alice"], cache, token))["alice"];
            await state.FlushAsync(token);
            return 0;
        });

        Assert.Same(written, read);
    }

    [Fact]
    public void A_capacity_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SchemeStateCache<Tally>(TallyJsonContext.Default.Tally, capacity: 0));

    private static Task WriteAsync(InMemoryLedgerStore ledger, Action<SchemeState> write) =>
        ledger.WriteAsync(async (transaction, token) =>
        {
            var state = new SchemeState(Scheme, transaction);
            write(state);
            await state.FlushAsync(token);
            return 0;
        });

    private static Task<Tally> ReadAsync(InMemoryLedgerStore ledger, SchemeStateCache<Tally> cache, string key) =>
        ledger.WriteAsync(async (transaction, token) => (await new SchemeState(Scheme, transaction).GetAsync([key], cache, token))[key]);
}

/// <summary>A state value of the tests: immutable.</summary>
public sealed record Tally(string Name, int Count);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Tally))]
internal sealed partial class TallyJsonContext : JsonSerializerContext;
