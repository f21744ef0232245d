using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Jobs;
using Scoring.Rules.Swarm;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Ingestion;

namespace Scoring.Rules.Tests.Reports;

/// <summary>
/// A second input whose reports the ledger may hold already (a replay, an overlapping file, a re-sent report with other
/// content) is judged the same whether its keys are found committed while decoding — the SQLite ledger lets the
/// pipeline's decoding workers look them up, so those reports never reach the writer — or classified by the writer
/// alone (the in-memory ledger has no such reader): the same counts, refusals (line, field, reason, raw text, kind) and
/// ledger, whatever the batch size and the number of decoding workers.
/// </summary>
public sealed class ReplayIngestionTests : IDisposable
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(40);

    // The keys a committed-key lookup takes at once (LedgerTransaction.LookupSlice, internal to the SDK).
    private const int LookupSlice = 2048;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "scoring-replay-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Two inputs drawn with repetition from one pool of lines, so the second repeats the first; some of its lines credit
    /// another account under the same report id, so it also contradicts the first.
    /// </summary>
    private static Gen<(byte[][] First, byte[][] Second, int BatchSize, int Workers, bool Swarm)> Input { get; } =
        from pool in ColumnarAgreementTests.Line.NonEmptyListOf()
        from first in Gen.Choose(0, pool.Count - 1).ListOf()
        from second in (
            from pick in Gen.Choose(0, pool.Count - 1)
            from change in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            select change ? Changed(pool[pick]) : pool[pick]).NonEmptyListOf()
        from batchSize in Gen.Choose(1, 40)
        from workers in Gen.Choose(0, 3)
        from swarm in Gen.Elements(true, false)
        select (first.Select(i => pool[i]).ToArray(), second.ToArray(), batchSize, workers, swarm);

    [Fact]
    public void Reports_found_committed_while_decoding_are_judged_as_the_writer_judges_them()
    {
        Check.One(Config, Prop.ForAll(Input.ToArbitrary(), input =>
        {
            PointsScheme scheme = input.Swarm ? new SwarmScheme() : new JobsScheme();
            var inputs = new[] { ColumnarLines.Join(input.First, "\n"), ColumnarLines.Join(input.Second, "\n") };
            var writerOnly = Run(scheme, new InMemoryLedgerStore(), inputs, input.BatchSize, input.Workers);
            var sqlite = SqliteLedgerStore.OpenAsync(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")).GetAwaiter().GetResult();
            var lookedUp = Run(scheme, sqlite, inputs, input.BatchSize, input.Workers);
            sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Assert.Equal(writerOnly.Summaries, lookedUp.Summaries);
            Assert.Equal(writerOnly.Rejects, lookedUp.Rejects);
            Assert.Equal(writerOnly.Ledger, lookedUp.Ledger);
        }));
    }

    [Fact]
    public async Task A_replayed_file_is_all_duplicates_and_a_changed_report_a_conflict()
    {
        const string First = """
            {"type":"swarm","peerId":"peer-a","account":"acct-1","flopsSinceLast":1000,"timestamp":1767225600}
            {"type":"swarm","peerId":"peer-a","account":"acct-1","flopsSinceLast":2000,"timestamp":1767225660}
            """;
        const string Changed = """{"type":"swarm","peerId":"peer-a","account":"acct-1","flopsSinceLast":5000,"timestamp":1767225660}""";
        await using var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "replay.db"));
        var context = new SchemeContext(BuiltInReports.Registry.CreateRuleSets([]));
        using var scorer = new SwarmScheme().CreateScorer(context);
        var pipeline = new ReportIngestion();
        var first = await pipeline.RunAsync(Utf8(First), BuiltInReports.Decoder, scorer, ledger, settle: false);
        var rejects = new RejectList();
        var replay = await pipeline.RunAsync(Utf8(First + "\n" + Changed), BuiltInReports.Decoder, scorer, ledger, rejects, settle: false);

        Assert.Equal(2, first.Scored);
        Assert.Equal(new IngestionSummary(3, 0, 2, 1, 0, 0, 0), replay);
        var conflict = Assert.Single(rejects.Rejections);
        Assert.Equal((3L, "$", RejectionKind.Conflict), (conflict.Line, conflict.Field, conflict.Kind));
        Assert.StartsWith("conflict: 'peer-a' sent report id 'peer-a@1767225660' before with different content", conflict.Reason);
    }

    [Fact]
    public async Task A_block_larger_than_a_lookup_slice_is_judged_report_by_report()
    {
        // One decoding block holds all 5,000 lines; the ledger holds the first 32 (so the rest of the block is looked up,
        // a slice at a time) and a few reports scattered over the later slices, one of them changed.
        int count = 2 * LookupSlice + 904;
        var lines = Enumerable.Range(0, count).Select(i =>
            $$"""{"type":"swarm","peerId":"peer-{{i % 50}}","account":"acct-{{i % 50}}","flopsSinceLast":{{1000 + i}},"timestamp":{{1_767_225_600 + i}}}""").ToArray();
        int[] known = [.. Enumerable.Range(0, 32), LookupSlice + 31, LookupSlice + 32, 2 * LookupSlice + 40, count - 1];
        int changed = 2 * LookupSlice + 40;
        var before = string.Join('\n', known.Select(i => i == changed ? lines[i].Replace("\"flopsSinceLast\":", "\"flopsSinceLast\":9") : lines[i]));
        var all = string.Join('\n', lines);

        var inputs = new[] { System.Text.Encoding.UTF8.GetBytes(before), System.Text.Encoding.UTF8.GetBytes(all) };
        var writerOnly = Run(new SwarmScheme(), new InMemoryLedgerStore(), inputs, count, 2);
        await using var sqlite = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "slices.db"));
        var lookedUp = Run(new SwarmScheme(), sqlite, inputs, count, 2);

        var replay = lookedUp.Summaries[1];
        Assert.Equal((count, known.Length - 1, 1L), (replay.Read, replay.Duplicates, replay.Conflicts));
        Assert.Equal(count - known.Length, replay.Scored + replay.Late + replay.Rejected);
        Assert.Equal(writerOnly.Summaries, lookedUp.Summaries);
        Assert.Equal(writerOnly.Rejects, lookedUp.Rejects);
        Assert.Equal(writerOnly.Ledger, lookedUp.Ledger);
        Assert.Equal(changed + 1, Assert.Single(lookedUp.Rejects, r => r.Kind == RejectionKind.Conflict).Line);
    }

    private static (List<IngestionSummary> Summaries, List<ReportRejection> Rejects, List<string> Ledger) Run(
        PointsScheme scheme, ILedgerStore ledger, byte[][] inputs, int batchSize, int decodeWorkers)
    {
        var context = new SchemeContext(BuiltInReports.Registry.CreateRuleSets([]));
        using var scorer = scheme.CreateScorer(context);
        var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = batchSize, DecodeWorkers = decodeWorkers }));
        var rejects = new RejectList();
        var summaries = inputs
            .Select(bytes => pipeline.RunAsync(new MemoryStream(bytes), BuiltInReports.Decoder, scorer, ledger, rejects, settle: false).GetAwaiter().GetResult())
            .ToList();
        var entries = ledger.ListEntriesAsync(new EntryQuery { Limit = 100_000 }).ToBlockingEnumerable()
            .Select(e => $"{e.Sequence} {e.Scheme} {e.ReportId} {e.Account} {e.Peer} {e.Kind} {e.Amount} {e.ActiveSeconds} {e.ReportTime:O} {e.RuleSetHash}")
            .ToList();
        return (summaries, rejects.Rejections, entries);
    }

    /// <summary>The line with its account (swarm) or wallet (jobs) changed: the same report id, other content.</summary>
    private static byte[] Changed(byte[] line) => ColumnarAgreementTests.Edit(line, members =>
    {
        int at = members.FindIndex(m => m.Name is "\"account\"" or "\"wallet\"");
        if (at >= 0)
            members[at] = (members[at].Name, "\"changed-account\"");
    });

    private static MemoryStream Utf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
