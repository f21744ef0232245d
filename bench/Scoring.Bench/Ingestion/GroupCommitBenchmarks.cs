using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Scoring.Bench.Ledger;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Scoring.Bench.Ingestion;

/// <summary>
/// What a group commit costs against one batch of the same reports (issue 13 item 6): 12,800 swarm reports of 640
/// peers (one account each) in bodies of 10 — every peer's first body, then every peer's second — into a fresh
/// SQLite ledger, written as the swarm dashboard writes them under load (<see cref="ReportIngestion.RunGroupAsync"/>,
/// groups of 64 bodies), as one <see cref="ReportIngestion.RunAsync"/> batch of the same 640 reports per transaction
/// (the baseline), and as one transaction per body (the dashboard before group commit). Results are per report.
/// </summary>
[Config(typeof(LedgerBenchConfig))]
[MemoryDiagnoser]
public class GroupCommitBenchmarks
{
    private const int Peers = 640, BodiesPerPeer = 2, ReportsPerBody = 10, BodiesPerGroup = 64;
    private const int Reports = Peers * BodiesPerPeer * ReportsPerBody;

    private readonly string _folder = Directory.CreateTempSubdirectory("group-commit-bench-").FullName;
    private readonly SchemeRegistry _registry = new([new SwarmScheme()]);
    private byte[][] _bodies = [];
    private SchemeScorer? _scorer;
    private SqliteLedgerStore? _store;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        var bodies = new List<byte[]>();
        for (int round = 0; round < BodiesPerPeer; round++)
        {
            for (int peer = 0; peer < Peers; peer++)
            {
                var lines = new StringBuilder();
                for (int i = 0; i < ReportsPerBody; i++)
                {
                    int n = round * ReportsPerBody + i;
                    lines.Append(CultureInfo.InvariantCulture,
                        $"{{\"type\":\"swarm\",\"id\":\"p{peer}-{n}\",\"peerId\":\"p{peer}\",\"account\":\"a{peer}\",\"timestamp\":{1_767_225_600 + n * 6},\"flopsSinceLast\":1e15}}\n");
                }
                bodies.Add(Encoding.UTF8.GetBytes(lines.ToString()));
            }
        }
        _bodies = [.. bodies];
        _scorer = ((PointsScheme)_registry.Get(SwarmScheme.SchemeName)).CreateScorer(new SchemeContext(_registry.CreateRuleSets()));
    }

    [IterationSetup]
    public void NewLedger() =>
        _store = SqliteLedgerStore.OpenAsync(Path.Combine(_folder, $"ledger-{_iteration++}.db")).GetAwaiter().GetResult();

    [IterationCleanup]
    public void CloseLedger() => _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The 64 bodies of each group as one stream, one batch: what one transaction of these reports costs.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Reports)]
    public async Task<long> OneBatchPerGroup()
    {
        var ingestion = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = BodiesPerGroup * ReportsPerBody }));
        long scored = 0;
        foreach (var group in _bodies.Chunk(BodiesPerGroup))
        {
            using var input = new MemoryStream(group.SelectMany(b => b).ToArray(), writable: false);
            scored += (await ingestion.RunAsync(input, _registry.Decoder, _scorer!, _store!, settle: false)).Scored;
        }
        return Checked(scored);
    }

    /// <summary>Groups of 64 bodies, each body its own input (recorded whole or not at all, counted on its own).</summary>
    [Benchmark(OperationsPerInvoke = Reports)]
    public async Task<long> GroupCommit()
    {
        var ingestion = new ReportIngestion();
        long scored = 0;
        foreach (var group in _bodies.Chunk(BodiesPerGroup))
        {
            var outcomes = await ingestion.RunGroupAsync(
                group.Select(b => new IngestionInput(new MemoryStream(b, writable: false))).ToList(), _registry.Decoder, _scorer!, _store!);
            scored += outcomes.Sum(o => o.Summary.Scored);
        }
        return Checked(scored);
    }

    /// <summary>One transaction per body.</summary>
    [Benchmark(OperationsPerInvoke = Reports)]
    public async Task<long> BodyPerTransaction()
    {
        var ingestion = new ReportIngestion();
        long scored = 0;
        foreach (var body in _bodies)
            scored += (await ingestion.RunGroupAsync([new IngestionInput(new MemoryStream(body, writable: false))], _registry.Decoder, _scorer!, _store!))[0].Summary.Scored;
        return Checked(scored);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scorer?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Every report is new in a fresh ledger: fewer scored means the run measured something else.
    private static long Checked(long scored) => scored == Reports ? scored : throw new InvalidOperationException($"scored {scored} of {Reports}");
}
