using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Cli.TestPlugin;

/// <summary>Scores each uptime report on its own: the rule set's points, with the reported seconds as active time.</summary>
internal sealed class UptimeScorer : SchemeScorer
{
    private readonly VersionedRuleEvaluator<Report> _points;

    public UptimeScorer(UptimeScheme scheme, SchemeContext context)
        : base(scheme)
    {
        _points = new VersionedRuleEvaluator<Report>(context.RuleSets, UptimeScheme.RuleSetId, UptimeReportType.Instance.Fields, "\"uptime\" reports",
            [new RuleOutputRequirement("points", RuleOutputType.Points)], context.Evaluators);
    }

    public override IReadOnlyList<CompiledRuleSet> RuleSets => _points.Versions;

    public override ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        var reports = batch.Reports.Select(r => r.Report).ToArray();
        var results = new RuleResult[reports.Length];
        _points.Evaluate(reports, r => r.Time!.Value, results);
        for (int i = 0; i < reports.Length; i++)
        {
            var report = (UptimeReport)reports[i];
            if (!results[i].Succeeded)
            {
                batch.Reject(i, "$", $"the rule set voided the report: {results[i].Error}");
                continue;
            }
            batch.Post(new LedgerReport
            {
                Scheme = UptimeScheme.SchemeName,
                Producer = report.Producer,
                ReportId = report.Id,
                ReportTime = report.Time!.Value,
                RuleSetId = results[i].RuleSet!.RuleSet.Id,
                RuleSetHash = results[i].RuleSet!.ContentHash,
                Postings = [new LedgerPosting(report.Account, report.Node, "uptime", results[i].Points(0)) { ActiveSeconds = (long)report.Seconds }],
            });
        }
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _points.Dispose();
        base.Dispose(disposing);
    }
}
