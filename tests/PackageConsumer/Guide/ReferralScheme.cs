using System.Text.Json;
using System.Text.Json.Serialization;
using Scoring;
using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace PackageConsumer.Guide;

/// <summary>A referral: <c>{"type":"referral","id":"r1","referrer":"alice","seats":3,"timestamp":1767225600}</c>.</summary>
public sealed record Referral(string ReferralId, string Referrer, long Seats, double Timestamp) : Report
{
    public override ReportType ReportType => ReferralType.Instance;
    public override string Id => ReferralId;
    public override string Producer => Referrer;        // ids are scoped by producer: nobody can take alice's "r1"
    public override DateTimeOffset? Time => UnixTime.FromSeconds(Timestamp);
}

/// <summary>Decodes and checks <c>referral</c> lines; <see cref="Fields"/> are what its rule sets may read.</summary>
public sealed class ReferralType : JsonReportType<Referral, ReferralType.Wire>
{
    private ReferralType() : base("referral", ReferralWireContext.Default.Wire) { }

    public static ReferralType Instance { get; } = new();

    public override IReadOnlyList<ReportField> Fields { get; } =
    [
        ReportField.String<Referral>("id", r => r.ReferralId),
        ReportField.String<Referral>("referrer", r => r.Referrer),
        ReportField.Int<Referral>("seats", r => r.Seats),
        ReportField.Double<Referral>("timestamp", r => r.Timestamp),
    ];

    protected override Referral? FromWire(Wire line, ref ReportFieldCheck check)
    {
        var id = check.Text(line.Id, "id");
        var referrer = check.Text(line.Referrer, "referrer");
        var seats = check.WholeNumber(line.Seats, "seats", 1L, 1_000L);
        var timestamp = check.Timestamp(line.Timestamp, "timestamp");
        return check.Failed ? null : new Referral(id, referrer, seats, timestamp);
    }

    protected override void WriteFields(Utf8JsonWriter writer, Referral report)
    {
        writer.WriteString("id"u8, report.ReferralId);
        writer.WriteString("referrer"u8, report.Referrer);
        writer.WriteNumber("seats"u8, report.Seats);
        writer.WriteNumber("timestamp"u8, report.Timestamp);
    }

    /// <summary>The line as read: every member optional, numbers NaN when absent.</summary>
    public sealed class Wire
    {
        public string? Type { get; set; }
        public string? Id { get; set; }
        public string? Referrer { get; set; }
        public double Seats { get; set; } = double.NaN;
        [JsonConverter(typeof(UnixTimestampConverter))]
        public double Timestamp { get; set; } = double.NaN;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ReferralType.Wire))]
internal sealed partial class ReferralWireContext : JsonSerializerContext;

/// <summary>
/// The scheme: each referral pays its referrer <c>seats × bonus</c> points in the <c>referral</c> currency. The
/// formula is the rule set <c>referral-points</c>: an operator changes the bonus with a document, not a release.
/// </summary>
public sealed class ReferralScheme : PointsScheme
{
    public static RuleSet ReferralPoints { get; } = new RuleSetBuilder("referral-points")
        .Version("1")
        .EffectiveFrom(DateTimeOffset.UnixEpoch)
        .Input("seats", ScalarType.Int)
        .Parameter("bonus", 5.0)
        .Rule("bonus", r => r.Set("points", "seats * bonus"))
        .Output("points")
        .Build();

    public override string Name => "referral";
    public override string Description => "Referrals: seats x bonus points to the referrer.";
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [ReferralType.Instance];
    public override IReadOnlyList<RuleSet> RuleSets { get; } = [ReferralPoints];
    public override IReadOnlyList<Currency> Currencies { get; } = [new Currency("referral", "Referral points", ["referral"])];

    public override SchemeScorer CreateScorer(SchemeContext context) => new ReferralScorer(this, context);

    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        using var points = Evaluator(context);
        return [new SchemeExplanation("referral-points", points.Explain(report, report.Time!.Value), null)];
    }

    internal static VersionedRuleEvaluator<Report> Evaluator(SchemeContext context) => new(
        context.RuleSets, "referral-points", ReferralType.Instance.Fields, "\"referral\" reports",
        [new RuleOutputRequirement("points", RuleOutputType.Points)], context.Evaluators);
}

/// <summary>Scores one batch of new referrals inside the batch's ledger transaction: evaluate, then post or reject.</summary>
public sealed class ReferralScorer(ReferralScheme scheme, SchemeContext context) : SchemeScorer(scheme)
{
    private readonly VersionedRuleEvaluator<Report> _points = ReferralScheme.Evaluator(context);

    public override IReadOnlyList<CompiledRuleSet> RuleSets => _points.Versions;

    public override ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        var reports = batch.Reports.Select(r => r.Report).ToArray();
        var results = new RuleResult[reports.Length];
        _points.Evaluate(reports, r => r.Time!.Value, results);
        for (int i = 0; i < reports.Length; i++)
        {
            var referral = (Referral)reports[i];
            if (!results[i].Succeeded)
            {
                batch.Reject(i, "seats", $"voided: {results[i].Error}");
                continue;
            }
            batch.Post(new LedgerReport
            {
                Scheme = "referral",
                Producer = referral.Referrer,
                ReportId = referral.ReferralId,
                ReportTime = referral.Time!.Value,
                RuleSetId = results[i].RuleSet!.RuleSet.Id,
                RuleSetHash = results[i].RuleSet!.ContentHash,
                Postings = [new LedgerPosting(referral.Referrer, referral.Referrer, "referral", results[i].Points(0))],
            });
        }
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _points.Dispose();
    }
}
