using System.Text;
using Microsoft.Data.Sqlite;
using Scoring.Durability.Tests.Harness;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.Swarm;

namespace Scoring.Durability.Tests.Migration;

/// <summary>
/// A ledger written by schema v2 — the library before ledger v3 and scheme state — opens, migrates and keeps
/// scoring with the swarm and jobs schemes. The fixture <c>Migration/ledger-v2.sqlite</c> is a real v2 file: the
/// CLI of commit db598b8 (the last before ledger v3) ran the README's worked examples into it:
/// <c>scoring score --scheme swarm --input samples/data/examples/swarm.jsonl --db ledger-v2.sqlite</c>, then
/// <c>scoring score --scheme jobs --input samples/data/examples/jobs.jsonl --holdings samples/data/examples/holdings.jsonl --db ledger-v2.sqlite</c>.
/// </summary>
public sealed class SchemaV2MigrationTests : IDisposable
{
    private const double Day20455 = 1_767_312_000; // 2026-01-02T00:00:00Z

    private static readonly ReportDecoder Decoder = new([SwarmReportType.Instance, ImageJobReportType.Instance, LlmJobReportType.Instance]);

    private readonly string _folder = Directory.CreateTempSubdirectory("durability-v2-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_schema_v2_ledger_opens_migrates_and_keeps_scoring_swarm_and_jobs()
    {
        string db = Path.Combine(_folder, "ledger.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Migration", "ledger-v2.sqlite"), db);
        Assert.Equal(2, SchemaVersion(db));
        var swarm = new SchemeHarness(new SwarmScheme());
        var jobs = new SchemeHarness(new JobsScheme(new JobsOptions(), new WalletSnapshot(
            [new WalletHoldings(20454, "0xalice", 1, 0), new WalletHoldings(20455, "0xalice", 2, 0)])));

        await using var ledger = await SqliteLedgerStore.OpenAsync(db);
        Assert.Equal(4, SchemaVersion(db)); // v2 → v3 → v4 in one open

        // What v2 recorded reads back through v4: the README's numbers.
        Assert.Equal([("alice", 7_050_000L), ("bob", 2_000_000L)], await TotalsAsync(ledger, SwarmScheme.SchemeName));
        Assert.Equal([("0xalice", 34_603_008L), ("0xbob", 0L)], await TotalsAsync(ledger, JobsScheme.WaifuCurrency));
        Assert.Equal([("0xalice", 2_200_000L), ("0xbob", 750_000L)], await TotalsAsync(ledger, JobsScheme.LlamaCurrency));
        var v2Entries = await ledger.ListEntriesAsync(new EntryQuery { Limit = int.MaxValue }).ToListAsync();
        Assert.Equal(24, v2Entries.Count);

        // The inputs v2 scored, sent again: every line is a duplicate (a migrated key has no content hash, so it matches
        // any content), and nothing changes, scheme state included.
        var migrated = (Swarm: await LedgerImage.ReadAsync(ledger, swarm.Scheme), Jobs: await LedgerImage.ReadAsync(ledger, jobs.Scheme));
        foreach (var (harness, file) in new[] { (swarm, "swarm.jsonl"), (jobs, "jobs.jsonl") })
        {
            var old = Example(file);
            var again = await harness.RunAsync(ledger, old, batchSize: 3, settle: true);
            Assert.True(again.Summary.Duplicates == old.Count && again.Summary.Entries == 0, $"{file} again: {again.Summary}");
        }
        LedgerImage.AssertSame(migrated.Swarm, await LedgerImage.ReadAsync(ledger, swarm.Scheme), "after re-sending the swarm example");
        LedgerImage.AssertSame(migrated.Jobs, await LedgerImage.ReadAsync(ledger, jobs.Scheme), "after re-sending the jobs example");

        // New work in both schemes, then the same work on a fresh ledger that holds v2's entries as migrated reports.
        await swarm.RunAsync(ledger, NewSwarmWork, batchSize: 2, settle: true);
        await jobs.RunAsync(ledger, NewJobs, batchSize: 2, settle: true);
        await using var reference = new InMemoryLedgerStore();
        await reference.AppendAsync(new LedgerBatch(AsMigratedReports(v2Entries)));
        await swarm.RunAsync(reference, NewSwarmWork, batchSize: 100, settle: true);
        await jobs.RunAsync(reference, NewJobs, batchSize: 100, settle: true);
        LedgerImage.AssertSame(await LedgerImage.ReadAsync(reference, swarm.Scheme), await LedgerImage.ReadAsync(ledger, swarm.Scheme), "swarm after the migration");
        LedgerImage.AssertSame(await LedgerImage.ReadAsync(reference, jobs.Scheme), await LedgerImage.ReadAsync(ledger, jobs.Scheme), "jobs after the migration");

        // By hand. Swarm: p1 and p2 each report 3 and 1 PFLOP since their last report (their first report since the
        // migration: no presence yet); carol's new peer p5 earns 4 PFLOP over 60 s present; bob's p4 1 PFLOP.
        Assert.Equal([("alice", 11_050_000L), ("bob", 3_000_000L), ("carol", 4_016_667L)], await TotalsAsync(ledger, SwarmScheme.SchemeName));
        // Jobs: day 20455 pays alice's SDXL job 31.45728 and her Mixtral job 2 with her 2 NFTs (x1.2 on each GPU) and
        // bob's SDXL-LoRA job 25.165824. A v2 ledger keeps no watermark, so a job of day 20454 (closed by v2) is still
        // taken after the migration and pays 1.572864 — but no boost: that day's boost of gpu-a is in the v2 ledger,
        // and a boost is never paid twice.
        Assert.Equal([("0xalice", 34_603_008L + 31_457_280 + 6_291_456 + 1_572_864), ("0xbob", 25_165_824L)], await TotalsAsync(ledger, JobsScheme.WaifuCurrency));
        Assert.Equal([("0xalice", 2_200_000L + 2_000_000 + 400_000), ("0xbob", 750_000L)], await TotalsAsync(ledger, JobsScheme.LlamaCurrency));
        var boosts = await ledger.ListEntriesAsync(new EntryQuery { Limit = int.MaxValue }).Where(e => e.Kind == JobsScheme.BoostKind).ToListAsync();
        Assert.Equal(boosts.Count, boosts.Select(e => (e.Scheme, e.ReportId)).Distinct().Count());
        Assert.Single(boosts, e => e.ReportId == "boost:nft:waifu:20454:0xalice:gpu-a");
    }

    private static List<Report> NewSwarmWork =>
    [
        new SwarmPeerReport("p1@1767225780", "p1", "alice", 1_767_225_780, null, 3e15),
        new SwarmPeerReport("p2@1767225780", "p2", "alice", 1_767_225_780, null, 1e15),
        new SwarmPeerReport("p5@1767225800", "p5", "carol", 1_767_225_800, 0, null),
        new SwarmPeerReport("p5@1767225860", "p5", "carol", 1_767_225_860, 4e15, null),
        new SwarmPeerReport("p4@1767225930", "p4", "bob", 1_767_225_930, null, 1e15),
    ];

    private static List<Report> NewJobs =>
    [
        new ImageJobReport("img-5", "gpu-a", "0xalice", "sd15", 512, 512, 20, 24, 3, 1_767_230_600),
        new ImageJobReport("img-3", "gpu-a", "0xalice", "sdxl", 1024, 1024, 30, 24, 6.5, Day20455 + 100),
        new LlmJobReport("llm-3", "gpu-c", "0xalice", "openhermes-mixtral-8x7b-gptq", 1000, 1000, 48, 20, Day20455 + 200),
        new ImageJobReport("img-4", "gpu-b", "0xbob", "sdxl-lora", 1024, 1024, 20, 16, 5, Day20455 + 300),
    ];

    /// <summary>v2's entries as the reports the migration turns them into: the producer is the first entry's peer, '' for a boost.</summary>
    private static IEnumerable<LedgerReport> AsMigratedReports(IEnumerable<LedgerEntry> entries) =>
        entries.GroupBy(e => (e.Scheme, e.ReportId)).Select(g => new LedgerReport
        {
            Scheme = g.Key.Scheme,
            ReportId = g.Key.ReportId,
            Producer = g.First().Kind == JobsScheme.BoostKind ? "" : g.First().Peer,
            ReportTime = g.First().ReportTime,
            RuleSetId = g.First().RuleSetId,
            RuleSetHash = g.First().RuleSetHash,
            Postings = g.Select(e => new LedgerPosting(e.Account, e.Peer, e.Kind, e.Amount) { ActiveSeconds = e.ActiveSeconds, Reason = e.Reason, Operator = e.Operator }).ToList(),
        });

    private static List<Report> Example(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "examples", name))
            .Select((line, i) => Decoder.DecodeLine(Encoding.UTF8.GetBytes(line), i + 1).Report ?? throw new InvalidDataException($"{name}:{i + 1} does not decode"))
            .ToList();

    private static async Task<List<(string, long)>> TotalsAsync(ILedgerStore ledger, string scheme) =>
        await ledger.ListAccountTotalsAsync(scheme: scheme).Select(t => (t.Account, t.Total.Units)).ToListAsync();

    private static long SchemaVersion(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version;";
        return (long)command.ExecuteScalar()!;
    }
}
