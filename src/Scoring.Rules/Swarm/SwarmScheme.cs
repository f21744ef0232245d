using Microsoft.Extensions.Options;
using Scoring.Evaluation.Binding;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Rules.Swarm;

/// <summary>
/// The training swarm's FLOP + presence scheme: <c>swarm</c> reports, the <c>swarm-points</c> rule set, the
/// <c>swarm</c> currency with <c>compute</c> and <c>presence</c> entries, and per-account accrual state (counters,
/// presence intervals, peer caps, the reorder window) kept in the ledger. Semantics: docs/schemes.md.
/// </summary>
public sealed class SwarmScheme : PointsScheme
{
    /// <summary>The scheme's name, and its currency's.</summary>
    public const string SchemeName = "swarm";

    /// <summary>The posting kind of compute points.</summary>
    public const string ComputeKind = "compute";

    /// <summary>The posting kind of presence points (carrying counted active seconds).</summary>
    public const string PresenceKind = "presence";

    private static readonly IReadOnlyList<RuleSet> BuiltIn = EmbeddedRuleSets.Load(typeof(SwarmScheme).Assembly, "Scoring.Rules.Swarm.");

    /// <summary>Creates the scheme with validated accrual options.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each bad key.</exception>
    public SwarmScheme(SwarmOptions? options = null)
    {
        Options = options ?? new SwarmOptions();
        SwarmOptionsValidator.ThrowIfInvalid(Options);
    }

    /// <summary>Creates the scheme from bound options (DI).</summary>
    public SwarmScheme(IOptions<SwarmOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>The accrual options: peer cap and its changes, presence timeout, reorder window.</summary>
    public SwarmOptions Options { get; }

    /// <inheritdoc />
    public override string Name => SchemeName;

    /// <inheritdoc />
    public override string Description => "Training swarm: FLOP + presence points per peer, at most PeerCap peers per account counted at once.";

    /// <inheritdoc />
    public override string? ConfigurationSection => "Scoring:" + SwarmOptions.SectionName;

    /// <inheritdoc />
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [SwarmReportType.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<RuleSet> RuleSets => BuiltIn;

    /// <inheritdoc />
    public override IReadOnlyList<Currency> Currencies { get; } = [new Currency(SchemeName, "Swarm points", [ComputeKind, PresenceKind])];

    /// <inheritdoc />
    public override SchemeScorer CreateScorer(SchemeContext context) => new SwarmScorer(this, context);

    /// <summary>
    /// Explains a swarm report as its peer's first and only report (points depend on the peer's history: the ledger's
    /// entries show how a settled report was paid): its work is credited up to maxFlopsPerSecond × the presence timeout,
    /// counted when the peer holds a place, with no active time yet.
    /// </summary>
    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (report is not SwarmPeerReport peer)
            throw new ArgumentException($"The swarm scheme explains \"swarm\" reports, not \"{report?.Type}\".", nameof(report));
        var accrual = new SwarmAccrual(Options, micros => SwarmScorer.MaxFlopsPerSecondAt(context.RuleSets, micros));
        var sink = new SwarmAccrualBuffer();
        if (!accrual.TryIngest(new SwarmReport(peer.ReportId, peer.PeerId, peer.Account, peer.Timestamp, peer.CumulativeFlops, peer.FlopsSinceLast), sink, out var rejection))
            return [new SchemeExplanation(SwarmPointsInputs.RuleSetId, null, rejection.Reason)];
        accrual.Flush(sink);
        using var points = new VersionedRuleEvaluator<SwarmAccrualEntry>(context.RuleSets, SwarmPointsInputs.RuleSetId, SwarmPointsInputs.Fields,
            "swarm accrual facts", [], context.Evaluators);
        var entry = sink.Entries[0];
        var trace = points.Explain(entry, UnixTime.FromSeconds(entry.Timestamp));
        return [new SchemeExplanation(SwarmPointsInputs.RuleSetId, trace, trace is null
            ? $"no version of rule set '{SwarmPointsInputs.RuleSetId}' is in force at {UnixTime.FromSeconds(entry.Timestamp):O}"
            : "as the peer's first and only report: points depend on the peer's earlier reports; `scoring entries` shows how a recorded report was paid")];
    }
}
