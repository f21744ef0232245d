using Scoring.Evaluation.Binding;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Reports;

namespace Scoring.Sdk.Tests.Schemes;

/// <summary>
/// A test-only points scheme over <see cref="MeterReading"/>s, so the pipeline, the registry and DI are tested without
/// any built-in scheme: each reading earns <c>kwh × rate</c> (rule set <c>meter-energy</c>) in the <c>meter</c>
/// currency; its scorer keeps durable state and a watermark (<see cref="MeterScorer"/>).
/// </summary>
public sealed class MeterScheme : PointsScheme
{
    /// <summary>The scheme's and its currency's name.</summary>
    public const string SchemeName = "meter";

    /// <summary>The rule set's id.</summary>
    public const string RuleSetId = "meter-energy";

    /// <summary>The posting kind.</summary>
    public const string EnergyKind = "energy";

    /// <summary>A version of <c>meter-energy</c>: <c>points = kwh × rate</c>.</summary>
    public static RuleSet Energy(double rate = 1.0, string version = "1", DateTimeOffset? effectiveFrom = null) =>
        new RuleSetBuilder(RuleSetId)
            .Version(version)
            .Description("Meter points: kWh x rate.")
            .EffectiveFrom(effectiveFrom ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Input("kwh", ScalarType.Double)
            .Parameter("rate", rate)
            .Rule("energy", r => r.Set("points", "kwh * rate"))
            .Output("points")
            .Build();

    /// <inheritdoc />
    public override string Name => SchemeName;

    /// <inheritdoc />
    public override string Description => "Test meters: kWh x rate.";

    /// <inheritdoc />
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [MeterReadingType.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<RuleSet> RuleSets { get; } = [Energy()];

    /// <inheritdoc />
    public override IReadOnlyList<Currency> Currencies { get; } = [new Currency(SchemeName, "Meter points", [EnergyKind])];

    /// <inheritdoc />
    public override SchemeScorer CreateScorer(SchemeContext context) => new MeterScorer(this, context);

    /// <inheritdoc />
    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var evaluator = new VersionedRuleEvaluator<Report>(context.RuleSets, RuleSetId, MeterReadingType.Instance.Fields, "\"meter\" reports", [], context.Evaluators);
        return [new SchemeExplanation(RuleSetId, evaluator.Explain(report, report.Time!.Value), null)];
    }
}
