using System.Globalization;
using System.Text.Json.Serialization;
using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Reports;

namespace Scoring.Sdk.Tests.Schemes;

/// <summary>
/// The test scheme's scorer: what a plug-in scorer does, in small. A reading at or before the watermark is late; one of
/// account <c>banned</c> is rejected; the rule set's points are posted; durable state counts readings per meter
/// (<c>readings/{meter}</c>) and keeps the latest time (<c>latest</c>). Settling moves the watermark to the latest time
/// and posts, once, a 1-point closing entry to account <c>grid</c> keyed by that time.
/// </summary>
public sealed class MeterScorer(MeterScheme scheme, SchemeContext context) : SchemeScorer(scheme)
{
    private readonly VersionedRuleEvaluator<Report> _energy = new(
        context.RuleSets, MeterScheme.RuleSetId, MeterReadingType.Instance.Fields, "\"meter\" reports",
        [new RuleOutputRequirement("points", RuleOutputType.Points)], context.Evaluators);

    /// <summary>How many batches were scored (retries included).</summary>
    public int Batches { get; private set; }

    /// <summary>How many times the scheme was settled.</summary>
    public int Settlements { get; private set; }

    /// <inheritdoc />
    public override IReadOnlyList<CompiledRuleSet> RuleSets => _energy.Versions;

    /// <inheritdoc />
    public override async ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        Batches++;
        var readings = batch.Reports.Select(r => r.Report).ToArray();
        var results = new RuleResult[readings.Length];
        _energy.Evaluate(readings, r => r.Time!.Value, results);
        double watermark = await batch.State.GetAsync("watermark", MeterStateJsonContext.Default.Double, cancellationToken);
        double latest = await batch.State.GetAsync("latest", MeterStateJsonContext.Default.Double, cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < readings.Length; i++)
        {
            var reading = (MeterReading)readings[i];
            if (reading.Timestamp <= watermark)
            {
                batch.RejectLate(i, $"late reading: {Text(reading.Timestamp)} is at or before the watermark {Text(watermark)}");
                continue;
            }
            if (reading.Account == "banned")
            {
                batch.Reject(i, "$.account", "account is banned");
                continue;
            }
            var result = results[i];
            if (!result.Succeeded)
            {
                batch.Reject(i, "$.kwh", $"voided: {result.Error}");
                continue;
            }
            batch.Post(new LedgerReport
            {
                Scheme = MeterScheme.SchemeName,
                Producer = reading.MeterId,
                ReportId = reading.ReadingId,
                ReportTime = reading.Time!.Value,
                RuleSetId = result.RuleSet!.RuleSet.Id,
                RuleSetHash = result.RuleSet.ContentHash,
                Postings = [new LedgerPosting(reading.Account, reading.MeterId, MeterScheme.EnergyKind, result.Points(0))],
            });
            string key = "readings/" + reading.MeterId;
            if (!counts.ContainsKey(key))
                counts[key] = await batch.State.GetAsync(key, MeterStateJsonContext.Default.Int32, cancellationToken);
            counts[key]++;
            latest = Math.Max(latest, reading.Timestamp);
        }
        foreach (var (key, count) in counts)
            batch.State.Set(key, count, MeterStateJsonContext.Default.Int32);
        batch.State.Set("latest", latest, MeterStateJsonContext.Default.Double);
    }

    /// <inheritdoc />
    public override async ValueTask SettleAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        Settlements++;
        double latest = await batch.State.GetAsync("latest", MeterStateJsonContext.Default.Double, cancellationToken);
        if (latest == 0)
            return;
        batch.State.Set("watermark", latest, MeterStateJsonContext.Default.Double);
        var version = _energy.Versions[0];
        // Posted again by every settle of the same input: the ledger's key of the report keeps it to one entry.
        batch.PostOnce(new LedgerReport
        {
            Scheme = MeterScheme.SchemeName,
            ReportId = "close:" + Text(latest),
            ReportTime = UnixTime.FromSeconds(latest),
            RuleSetId = version.RuleSet.Id,
            RuleSetHash = version.ContentHash,
            Postings = [new LedgerPosting("grid", "settlement", MeterScheme.EnergyKind, Points.FromWhole(1))],
        });
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _energy.Dispose();
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Source-generated JSON of the test scheme's state.</summary>
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(int))]
internal sealed partial class MeterStateJsonContext : JsonSerializerContext;
