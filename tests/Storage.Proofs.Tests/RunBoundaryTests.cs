using FsCheck;
using FsCheck.Fluent;
using Scoring;
using Scoring.Ledger;
using static Storage.Proofs.Tests.StorageRun;

namespace Storage.Proofs.Tests;

/// <summary>
/// The ledger is a function of the accepted proofs and their timestamps: not of files, batches, restarts or the store.
/// </summary>
public sealed class RunBoundaryTests : IDisposable
{
    private readonly LedgerStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Theory]
    [MemberData(nameof(LedgerStores.Kinds), MemberType = typeof(LedgerStores))]
    public async Task Two_files_give_the_same_ledger_as_one_file_wherever_the_input_is_cut(string kind)
    {
        await using var whole = await _stores.CreateAsync(kind);
        await ScoreAsync(whole, WorkedExample);
        var expected = await EntriesAsync(whole);

        for (int cut = 0; cut <= WorkedExample.Length; cut++)
        {
            await using var parts = await _stores.CreateAsync(kind);
            await ScoreAsync(parts, WorkedExample[..cut], batchSize: 3);
            await ScoreAsync(parts, WorkedExample[cut..], batchSize: 2);
            Assert.Equal(expected, await EntriesAsync(parts));
            Assert.Equal(await TotalsAsync(whole), await TotalsAsync(parts));
        }
    }

    [Fact]
    public async Task A_restart_in_the_middle_changes_nothing()
    {
        string path = _stores.NewPath();
        await using (var ledger = await SqliteLedgerStore.OpenAsync(path))
        {
            // The first process: a new registry, scheme and scorer, half the input, then it exits.
            await ScoreAsync(ledger, WorkedExample[..7]);
        }
        await using (var ledger = await SqliteLedgerStore.OpenAsync(path))
        {
            // The next process knows nothing but what the ledger holds: the providers' previous proofs are state there.
            await ScoreAsync(ledger, WorkedExample[7..]);
        }

        await using var reopened = await SqliteLedgerStore.OpenAsync(path);
        await using var once = await _stores.CreateAsync("memory");
        await ScoreAsync(once, WorkedExample);
        Assert.Equal(await EntriesAsync(once), await EntriesAsync(reopened));
        Assert.Equal([("acme", 12_594_947L), ("globex", 2_000_000L)], await TotalsAsync(reopened));
    }

    [Fact]
    public async Task The_providers_previous_proof_is_state_in_the_ledger()
    {
        await using var ledger = await _stores.CreateAsync("sqlite");
        await ScoreAsync(ledger, WorkedExample);

        var state = new Dictionary<string, string>();
        await foreach (var (key, value) in ledger.ReadStateAsync(StorageProofsScheme.SchemeName))
            state[key] = System.Text.Encoding.UTF8.GetString(value);

        Assert.Equal(["p1", "p2", "p3"], state.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("{\"account\":\"acme\",\"timestamp\":1767331800,\"microseconds\":1767331800000000,\"bytes\":549755813888}", state["p1"]);
    }

    [Theory]
    [InlineData("simd")]
    [InlineData("opencl")]
    [InlineData("auto")]
    public async Task Every_evaluator_backend_pays_the_same_points_as_the_scalar_reference(string backend)
    {
        // Enough proofs per batch for every SIMD lane and an OpenCL work-group, with every rule firing somewhere.
        var random = new Random(20260101);
        var clocks = Enumerable.Range(0, 40).Select(p => T0 + p).ToArray();
        var lines = new List<string>();
        for (int i = 0; i < 3000; i++)
        {
            int provider = random.Next(clocks.Length);
            int step = random.Next(4) == 0 ? random.Next(80_000, 100_000) : random.Next(1, 7200);
            clocks[provider] += step;
            long bytes = random.NextInt64(0, 1L << 50);
            double uptime = step * (random.Next(3) == 0 ? random.NextDouble() : 1.0);
            lines.Add(Proof($"p{provider}", $"a{provider % 7}", bytes, uptime, clocks[provider]));
        }

        await using var reference = new InMemoryLedgerStore();
        await ScoreAsync(reference, lines, batchSize: 1000);
        await using var other = new InMemoryLedgerStore();
        await ScoreAsync(other, lines, batchSize: 1000, backend: backend);

        var expected = await EntriesAsync(reference);
        Assert.Equal(3000, expected.Count);
        Assert.Contains(expected, e => e.Amount > Points.Zero);
        Assert.Contains(expected, e => e.Reason?.Contains("uptime (", StringComparison.Ordinal) == true);
        Assert.Contains(expected, e => e.Reason?.Contains("gap (", StringComparison.Ordinal) == true);
        Assert.Equal(expected, await EntriesAsync(other));
    }

    [Fact]
    public void Any_cut_into_runs_and_batches_with_replays_pays_each_proof_by_the_formula()
    {
        Prop.ForAll(Streams().ToArbitrary(), stream =>
        {
            var (lines, cuts, batchSize) = stream;
            var expected = Oracle(lines);
            var actual = Task.Run(async () =>
            {
                await using var ledger = new InMemoryLedgerStore();
                int start = 0;
                foreach (int cut in cuts.Append(lines.Length))
                {
                    await ScoreAsync(ledger, lines[start..cut], batchSize);
                    start = cut;
                }
                return (await EntriesAsync(ledger)).Select(e => (e.Peer, e.ReportId, e.Amount.Units)).ToList();
            }).GetAwaiter().GetResult();
            return expected.SequenceEqual(actual);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// Proof streams of up to three providers (two share an account), each provider's proofs later and later, with
    /// steps around the gap limit and uptimes around the gate, re-sent lines mixed in; cut into up to three runs.
    /// </summary>
    private static Gen<(string[] Lines, int[] Cuts, int BatchSize)> Streams()
    {
        var step = Gen.OneOf(Gen.Choose(1, 7200), Gen.Choose(86_000, 87_000), Gen.Elements(86_400));
        var uptimeShare = Gen.Elements(0.0, 0.5, 0.9499, 0.95, 0.951, 1.0, 1.5);
        var bytes = from count in Gen.Choose(0, 1_000_000) from unit in Gen.Elements(1L, 1L << 20, 1L << 30) select count * unit;
        var proof = from provider in Gen.Choose(0, 2) from s in step from share in uptimeShare from b in bytes select (provider, s, share, b);
        return
            from proofs in proof.ListOf().Select(l => l.ToArray())
            from resends in Gen.Choose(0, 3)
            from picks in Gen.Choose(0, 1000).ArrayOf(resends)
            from cutCount in Gen.Choose(0, 2)
            from cutPicks in Gen.Choose(0, 1000).ArrayOf(cutCount)
            from batchSize in Gen.Choose(1, 5)
            let lines = Lines(proofs, picks)
            select (lines, cutPicks.Select(c => lines.Length == 0 ? 0 : c % (lines.Length + 1)).Order().ToArray(), batchSize);
    }

    private static string[] Lines((int Provider, int Step, double Share, long Bytes)[] proofs, int[] resends)
    {
        var clocks = new double[] { T0, T0 + 0.25, T0 + 1000.5 };
        var lines = new List<string>();
        foreach (var (provider, step, share, bytes) in proofs)
        {
            clocks[provider] += step;
            lines.Add(Proof($"p{provider}", provider == 2 ? "b" : "a", bytes, step * share, clocks[provider]));
        }
        foreach (int pick in resends.Where(_ => lines.Count > 0))
            lines.Add(lines[pick % lines.Count]);
        return lines.ToArray();
    }

    /// <summary>Each provider's proofs paid one after the other by the README's formula, written out directly.</summary>
    private static List<(string Peer, string ReportId, long Units)> Oracle(string[] lines)
    {
        var seen = new HashSet<string>();
        var previous = new Dictionary<string, (long Microseconds, long Bytes)>();
        var paid = new List<(string, string, long)>();
        var decoder = Registry().Decoder;
        foreach (var line in lines)
        {
            var proof = (StorageProofReport)decoder.DecodeLine(System.Text.Encoding.UTF8.GetBytes(line), 1).Report!;
            if (!seen.Add(proof.Id))
                continue; // a re-sent line is a duplicate
            long microseconds = (long)Math.Round(proof.Timestamp * 1e6, MidpointRounding.ToEven);
            long units = 0;
            if (previous.TryGetValue(proof.ProviderId, out var before))
            {
                long elapsed = microseconds - before.Microseconds;
                double hours = elapsed / 3.6e9;
                double uptimeRatio = proof.UptimeSeconds / (elapsed / 1e6);
                double points = Math.Min((double)before.Bytes, (double)proof.BytesStored) / 1099511627776.0 * hours * 1.0;
                units = uptimeRatio < 0.95 || hours > 24.0 ? 0 : Points.FromDouble(points).Units;
            }
            previous[proof.ProviderId] = (microseconds, proof.BytesStored);
            paid.Add((proof.ProviderId, proof.Id, units));
        }
        return paid;
    }
}
