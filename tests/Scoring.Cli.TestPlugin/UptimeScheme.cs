using Scoring.Evaluation.Binding;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Cli.TestPlugin;

/// <summary>A fourth scheme, known to the CLI only through <c>--plugin</c>: uptime reports earn points by the <c>uptime-points</c> rule set.</summary>
public sealed class UptimeScheme : PointsScheme
{
    /// <summary>The scheme's name, and its currency's.</summary>
    public const string SchemeName = "uptime";

    /// <summary>The rule set's id.</summary>
    public const string RuleSetId = "uptime-points";

    private static readonly IReadOnlyList<RuleSet> BuiltIn = EmbeddedRuleSets.Load(typeof(UptimeScheme).Assembly, "Scoring.Cli.TestPlugin.");

    /// <inheritdoc />
    public override string Name => SchemeName;

    /// <inheritdoc />
    public override string Description => "Test plug-in: uptime points per node.";

    /// <inheritdoc />
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [UptimeReportType.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<RuleSet> RuleSets => BuiltIn;

    /// <inheritdoc />
    public override IReadOnlyList<Currency> Currencies { get; } = [new Currency(SchemeName, "Uptime points", ["uptime"])];

    /// <inheritdoc />
    public override SchemeScorer CreateScorer(SchemeContext context) => new UptimeScorer(this, context);

    /// <inheritdoc />
    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        using var evaluator = new VersionedRuleEvaluator<Report>(context.RuleSets, RuleSetId, report.ReportType.Fields, "\"uptime\" reports", [], context.Evaluators);
        var trace = evaluator.Explain(report, report.Time!.Value);
        return [new SchemeExplanation(RuleSetId, trace, trace is null ? "no version in force" : null)];
    }
}
