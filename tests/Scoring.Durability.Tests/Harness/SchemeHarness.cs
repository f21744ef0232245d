using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Schemes;

namespace Scoring.Durability.Tests.Harness;

/// <summary>
/// Scores the reports of one scheme as a host does — a registry, the scheme's scorer, the pipeline, a ledger — and
/// computes the claim's reference: one in-order run over the accepted reports on an empty ledger.
/// </summary>
internal sealed class SchemeHarness
{
    public SchemeHarness(PointsScheme scheme, IEnumerable<CompiledRuleSet>? overrides = null)
    {
        Scheme = scheme;
        Registry = new SchemeRegistry([scheme]);
        Context = new SchemeContext(Registry.CreateRuleSets(overrides));
    }

    public PointsScheme Scheme { get; }

    public SchemeRegistry Registry { get; }

    public SchemeContext Context { get; }

    /// <summary>One ingestion run with a new scorer and a new pipeline, as a new process would make them.</summary>
    public async Task<PipelineRun> RunAsync(ILedgerStore ledger, IReadOnlyList<Report> input, int batchSize, bool settle)
    {
        using var scorer = Scheme.CreateScorer(Context);
        var rejects = new CollectedRejects();
        var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = batchSize }));
        var summary = await pipeline.RunAsync(ReportLines.Stream(input), Registry.Decoder, scorer, ledger, rejects, settle);
        var run = new PipelineRun(summary, rejects.Lines, input);
        run.AssertCountsAddUp();
        return run;
    }

    /// <summary>The ledger key of a report, as the pipeline computes it.</summary>
    public ReportKey KeyOf(Report report) =>
        new(Scheme.CurrencyOf(report.ReportType), report.Producer, report.Id, report.ReportType.ContentHash(report));

    /// <summary>
    /// A: the distinct reports among <paramref name="reports"/> the ledger accepted — its key recorded with this content.
    /// Asked through a write transaction that writes nothing: the only public way to read a key's content hash.
    /// </summary>
    public async Task<List<Report>> AcceptedAsync(ILedgerStore ledger, IEnumerable<Report> reports)
    {
        var distinct = reports.DistinctBy(KeyOf).ToList();
        var statuses = await ledger.WriteAsync(async (transaction, cancellationToken) =>
        {
            var result = new ReportKeyStatus[distinct.Count];
            // One key per call: within one list a second key of the same id would be judged against the first.
            for (int i = 0; i < distinct.Count; i++)
                result[i] = (await transaction.ClassifyAsync([KeyOf(distinct[i])], cancellationToken))[0];
            return result;
        });
        return distinct.Where((_, i) => statuses[i] == ReportKeyStatus.Duplicate).ToList();
    }

    /// <summary>Reports in the claim's order: by timestamp, then producer, then id (ordinal).</summary>
    public static List<Report> InOrder(IEnumerable<Report> reports) =>
        reports.OrderBy(r => r.Time).ThenBy(r => r.Producer, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>The claim's reference: one in-order run over <paramref name="accepted"/> on an empty ledger, settled at the end.</summary>
    public async Task<LedgerImage> ReferenceAsync(IEnumerable<Report> accepted)
    {
        await using var ledger = new InMemoryLedgerStore();
        var input = InOrder(accepted);
        var run = await RunAsync(ledger, input, Math.Max(1, input.Count), settle: true);
        Assert.True(run.Summary.Scored == input.Count,
            $"the in-order run over the accepted reports refused some of them: {run.Summary}\n{string.Join("\n", run.Refused.Select(r => $"{r.Kind} {r.Raw}: {r.Reason}"))}");
        return await LedgerImage.ReadAsync(ledger, Scheme);
    }

    /// <summary>
    /// The claim: the ledger holds exactly what one in-order run over the reports it accepted (from
    /// <paramref name="sent"/>) gives. Returns the accepted reports.
    /// </summary>
    public async Task<List<Report>> AssertFunctionOfAcceptedAsync(ILedgerStore ledger, IEnumerable<Report> sent, string context)
    {
        var accepted = await AcceptedAsync(ledger, sent);
        var expected = await ReferenceAsync(accepted);
        LedgerImage.AssertSame(expected, await LedgerImage.ReadAsync(ledger, Scheme), context);
        return accepted;
    }

    /// <summary>Refused reports (late ones included) left nothing in the ledger: no recorded key with their content, no entry of theirs.</summary>
    public async Task AssertLeftNothingAsync(ILedgerStore ledger, IEnumerable<Report> refused, string context)
    {
        var list = refused.ToList();
        if (list.Count == 0)
            return;
        var accepted = (await AcceptedAsync(ledger, list)).ToHashSet();
        Assert.True(accepted.Count == 0, $"{context}: refused reports were recorded: {string.Join(", ", accepted)}");
        var entries = await ledger.ListEntriesAsync(new EntryQuery { Limit = int.MaxValue }).ToListAsync();
        foreach (var report in list)
        {
            // Another report may legitimately own the same id later (a re-send with other content, accepted).
            if (await ledger.ContainsReportAsync(Scheme.CurrencyOf(report.ReportType), report.Producer, report.Id))
                continue;
            Assert.DoesNotContain(entries, e => e.Scheme == Scheme.CurrencyOf(report.ReportType) && e.ReportId == report.Id && e.Peer == report.Producer);
        }
    }
}
