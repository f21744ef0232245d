using System.Text;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Evaluation;
using Scoring.Gpu;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Storage.Proofs.Tests;

/// <summary>Scores storage proofs through the SDK as a host would: a registry, the scheme's scorer, the pipeline, a ledger.</summary>
internal static class StorageRun
{
    public const double T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

    public const long TiB = 1L << 40;

    /// <summary>The sample's worked example (samples/Storage.Proofs/examples/proofs.jsonl), copied next to the tests.</summary>
    public static string[] WorkedExample { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "examples", "proofs.jsonl"));

    public static SchemeRegistry Registry() => new([new StorageProofsScheme()]);

    /// <summary>One ingestion run with a fresh scorer (as a new process would create it) over <paramref name="lines"/>.</summary>
    /// <param name="backend">The evaluator backend: scalar (the reference), simd, opencl or auto.</param>
    public static async Task<IngestionSummary> ScoreAsync(
        ILedgerStore ledger, IEnumerable<string> lines, int batchSize = 10_000, IEnumerable<RuleSet>? overrides = null, CollectedRejects? rejects = null,
        string backend = "scalar")
    {
        var registry = Registry();
        var scheme = (PointsScheme)registry.Get(StorageProofsScheme.SchemeName);
        var backends = new OpenClBatchEvaluatorFactory();
        var context = new SchemeContext(
            registry.CreateRuleSets(overrides?.Select(r => RuleSetCompiler.CompileOrThrow(r)).ToArray()),
            (ruleSet, batch) => backends.Create(backend, null, ruleSet, batch));
        using var scorer = scheme.CreateScorer(context);
        var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = batchSize }));
        return await pipeline.RunAsync(Input(lines), registry.Decoder, scorer, ledger, rejects);
    }

    public static MemoryStream Input(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    public static string Proof(string provider, string account, long bytes, double uptime, double timestamp, string? id = null) =>
        $"{{\"type\":\"storage-proof\",{(id is null ? "" : $"\"id\":\"{id}\",")}\"providerId\":\"{provider}\",\"account\":\"{account}\"," +
        $"\"bytesStored\":{bytes},\"uptimeSeconds\":{uptime.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}," +
        $"\"timestamp\":{timestamp.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}";

    /// <summary>Every storage entry, in recording order, as comparable values.</summary>
    public static async Task<List<Entry>> EntriesAsync(ILedgerStore ledger, string? account = null)
    {
        var entries = new List<Entry>();
        await foreach (var e in ledger.ListEntriesAsync(new EntryQuery { Scheme = StorageProofsScheme.SchemeName, Account = account, Limit = 1_000_000 }))
            entries.Add(new Entry(e.ReportId, e.Account, e.Peer, e.Kind, e.Amount, e.ActiveSeconds, e.ReportTime, e.Reason, e.RuleSetHash));
        return entries;
    }

    /// <summary>Every account's storage total (units), by account.</summary>
    public static async Task<List<(string Account, long Units)>> TotalsAsync(ILedgerStore ledger)
    {
        var totals = new List<(string, long)>();
        await foreach (var t in ledger.ListAccountTotalsAsync(scheme: StorageProofsScheme.SchemeName))
            totals.Add((t.Account, t.Total.Units));
        return totals;
    }

    /// <summary>One recorded entry, without its sequence number and recording time (which differ between runs).</summary>
    public sealed record Entry(string ReportId, string Account, string Peer, string Kind, Points Amount, long ActiveSeconds, DateTimeOffset ReportTime, string? Reason, string RuleSetHash);
}
