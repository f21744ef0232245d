using Scoring.Evaluation.Binding;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Storage.Proofs;

/// <summary>
/// Storage proofs: providers prove periodically that they hold data (<c>storage-proof</c> reports), and each proof earns
/// points for the bytes held since the provider's previous proof, by the rule set <c>storage-points</c>, in the currency
/// <c>storage</c> (posting kind <c>storage</c>). The provider's previous proof is durable state in the ledger. Formulas
/// and defaults: this sample's README.md; how it plugs in: docs/schemes.md, "Write your own scheme".
/// </summary>
public sealed class StorageProofsScheme : PointsScheme
{
    /// <summary>The scheme's name, its currency's and its posting kind's.</summary>
    public const string SchemeName = "storage";

    /// <summary>The rule set that values proofs.</summary>
    public const string RuleSetId = "storage-points";

    private static readonly IReadOnlyList<RuleSet> BuiltIn = EmbeddedRuleSets.Load(typeof(StorageProofsScheme).Assembly, "Storage.Proofs.RuleSets.");

    /// <inheritdoc />
    public override string Name => SchemeName;

    /// <inheritdoc />
    public override string Description => "Storage proofs: points per TiB-hour a provider holds between two proofs, paid only above a minimum uptime.";

    /// <inheritdoc />
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [StorageProofReportType.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<RuleSet> RuleSets => BuiltIn;

    /// <inheritdoc />
    public override IReadOnlyList<Currency> Currencies { get; } = [new Currency(SchemeName, "Storage points", [SchemeName])];

    /// <inheritdoc />
    public override SchemeScorer CreateScorer(SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new StorageProofsScorer(this, context);
    }

    /// <summary>
    /// Explains a proof as its provider's first and only proof (what a proof earns depends on the provider's previous
    /// one: the ledger's entries show how a recorded proof was paid).
    /// </summary>
    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (report is not StorageProofReport proof)
            throw new ArgumentException($"The storage scheme explains \"{StorageProofReportType.TypeName}\" reports, not \"{report?.Type}\".", nameof(report));
        using var points = new VersionedRuleEvaluator<StorageProofFacts>(context.RuleSets, RuleSetId, StorageProofFacts.Fields, "storage proof facts", [], context.Evaluators);
        var time = proof.Time!.Value;
        var trace = points.Explain(new StorageProofFacts(proof, First: true, PreviousBytes: 0, ElapsedMicroseconds: 0), time);
        return [new SchemeExplanation(RuleSetId, trace, trace is null
            ? $"no version of rule set '{RuleSetId}' is in force at {time:O}"
            : "as the provider's first and only proof: a proof is paid for the time since the provider's previous one; `scoring entries` shows how a recorded proof was paid")];
    }
}
