using System.Text.Json.Serialization;
using Scoring.Evaluation;
using Scoring.Reports;
using Scoring.Rules.Swarm;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Durability.Tests.State;

/// <summary>
/// A plug-in scheme that only exercises <see cref="SchemeState"/>: each swarm report marks its account under
/// <c>seen/{account}</c>, and every batch then scans <c>seen/</c> and keeps what the scan returned.
/// </summary>
internal sealed class StateProbeScheme : PointsScheme
{
    public const string Prefix = "seen/";

    /// <summary>The keys each batch's scan returned, in order.</summary>
    public List<List<string>> Scans { get; } = [];

    public override string Name => "state-probe";

    public override string Description => "Marks accounts in its state and scans them.";

    public override IReadOnlyList<ReportType> ReportTypes { get; } = [SwarmReportType.Instance];

    public override IReadOnlyList<RuleSet> RuleSets => [];

    public override IReadOnlyList<Currency> Currencies { get; } = [new Currency("state-probe", "Probe points", ["mark"])];

    public override SchemeScorer CreateScorer(SchemeContext context) => new Scorer(this);

    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context) => [];

    private sealed class Scorer(StateProbeScheme scheme) : SchemeScorer(scheme)
    {
        public override IReadOnlyList<CompiledRuleSet> RuleSets => [];

        public override async ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
        {
            foreach (var (_, report) in batch.Reports)
                batch.State.Set(Prefix + ((SwarmPeerReport)report).Account, true, StateProbeJsonContext.Default.Boolean);
            var scan = new List<string>();
            await foreach (var (key, _) in batch.State.ScanAsync(Prefix, StateProbeJsonContext.Default.Boolean, cancellationToken))
                scan.Add(key);
            scheme.Scans.Add(scan);
        }
    }
}

/// <summary>Source-generated JSON of the probe's state values.</summary>
[JsonSerializable(typeof(bool))]
internal sealed partial class StateProbeJsonContext : JsonSerializerContext;
