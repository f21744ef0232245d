using Scoring.Reports;
using Scoring.RuleSets;

namespace Scoring.Schemes;

/// <summary>
/// A scoring scheme as a plug-in: one registration declares everything the engine needs — the report types it owns
/// (each with its decoder), its rule sets (shipped documents, overridable and versioned: every formula lives there),
/// and what it produces. The engine, the CLI, the hosts, <c>diff</c>, <c>explain</c> and <c>rules</c> know schemes
/// only through this contract (see docs/schemes.md, "Write your own scheme").
/// </summary>
/// <remarks>
/// Derive from <see cref="PointsScheme"/> for a scheme that credits points to a ledger (swarm, jobs), or from
/// <see cref="WeightsScheme"/> for one that turns a round of results into on-chain weights (Proof-of-GPU).
/// Register it with <c>services.AddScoring(b =&gt; b.AddScheme&lt;TScheme&gt;())</c>.
/// </remarks>
public abstract class Scheme
{
    private protected Scheme()
    {
    }

    /// <summary>The scheme's name: <c>--scheme</c> on the command line, the owner of its state in the ledger. 1–64 of a-z, 0-9, '-', '_', '.'.</summary>
    public abstract string Name { get; }

    /// <summary>One sentence for <c>scoring rules list</c> and help texts.</summary>
    public abstract string Description { get; }

    /// <summary>The report types this scheme owns (their <c>type</c> values are unique across registered schemes).</summary>
    public abstract IReadOnlyList<ReportType> ReportTypes { get; }

    /// <summary>
    /// The built-in rule sets: every version shipped with the scheme (usually embedded JSON documents). An operator's
    /// document with the same id replaces all built-in versions of that id (<c>--rules FILE</c>).
    /// </summary>
    public abstract IReadOnlyList<RuleSet> RuleSets { get; }

    /// <summary>
    /// The configuration section the scheme's options bind from (e.g. <c>Scoring:Swarm</c>), or null when it has none.
    /// The CLI's <c>--options FILE</c> fills this section.
    /// </summary>
    public virtual string? ConfigurationSection => null;

    /// <summary>
    /// Explains how <paramref name="report"/> is scored: the trace of every rule set the scheme runs for it (rule by
    /// rule, with every value assigned), as of the report's time. A scheme whose rule sets read facts the scheme derives
    /// (not the report's own fields) explains the report as the producer's only report, and says so.
    /// </summary>
    /// <exception cref="ArgumentException">The report is not of one of this scheme's types.</exception>
    public abstract IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context);

    /// <summary><see cref="Name"/>.</summary>
    public override string ToString() => Name;
}
