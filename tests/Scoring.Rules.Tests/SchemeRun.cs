using System.Text;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Ingestion;

namespace Scoring.Rules.Tests;

/// <summary>
/// A built-in points scheme scored end to end the way <c>scoring score</c> does it: its lines through the registry's
/// decoder and <see cref="ReportIngestion"/> into a ledger, with the built-in rule sets or operator overrides, on a
/// chosen backend. Several runs share the ledger (and so the scheme's durable state).
/// </summary>
internal sealed class SchemeRun(PointsScheme scheme, IEnumerable<RuleSet>? overrides = null, ILedgerStore? ledger = null,
    Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluators = null)
{
    /// <summary>The rule sets in force and the backend.</summary>
    public SchemeContext Context { get; } = new(
        BuiltInReports.Registry.CreateRuleSets((overrides ?? []).Select(r => RuleSetCompiler.CompileOrThrow(r))), evaluators);

    /// <summary>The ledger the runs write to.</summary>
    public ILedgerStore Ledger { get; } = ledger ?? new InMemoryLedgerStore();

    /// <summary>Every refusal of every run, in order.</summary>
    public RejectList Rejects { get; } = new();

    /// <summary>The refusals' reasons by line number (of the last run that refused the line).</summary>
    public Dictionary<long, ReportRejection> RejectedLines => Rejects.Rejections.GroupBy(r => r.Line).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Scores lines (one input file).</summary>
    public async Task<IngestionSummary> RunAsync(IEnumerable<string> lines, int batchSize = 1000, bool settle = true)
    {
        using var scorer = scheme.CreateScorer(Context);
        var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = batchSize }));
        return await pipeline.RunAsync(input, BuiltInReports.Decoder, scorer, Ledger, Rejects, settle);
    }

    /// <summary>Scores reports, each written as its type writes it.</summary>
    public Task<IngestionSummary> RunAsync(IEnumerable<Report> reports, int batchSize = 1000, bool settle = true) =>
        RunAsync(reports.Select(r => r.ReportType.ToJson(r)), batchSize, settle);

    /// <summary>An account's total in one currency (0 when it has no entry).</summary>
    public async Task<Points> TotalAsync(string account, string currency) =>
        (await Ledger.GetAccountTotalsAsync(account, scheme: currency))?.Total ?? Points.Zero;

    /// <summary>Every account's total in one currency.</summary>
    public async Task<Dictionary<string, Points>> TotalsAsync(string currency)
    {
        var totals = new Dictionary<string, Points>(StringComparer.Ordinal);
        await foreach (var row in Ledger.ListAccountTotalsAsync(scheme: currency))
            totals[row.Account] = row.Total;
        return totals;
    }

    /// <summary>Every entry of one currency, in recording order.</summary>
    public async Task<List<LedgerEntry>> EntriesAsync(string currency)
    {
        var entries = new List<LedgerEntry>();
        long after = 0;
        while (true)
        {
            int before = entries.Count;
            await foreach (var entry in Ledger.ListEntriesAsync(new EntryQuery { Scheme = currency, AfterSequence = after, Limit = 1000 }))
            {
                entries.Add(entry);
                after = entry.Sequence;
            }
            if (entries.Count == before)
                return entries;
        }
    }
}
