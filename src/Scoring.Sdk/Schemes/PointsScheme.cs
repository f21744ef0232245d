using Scoring.Reports;

namespace Scoring.Schemes;

/// <summary>
/// A scheme that turns reports into ledger entries: it declares its currencies and creates a
/// <see cref="SchemeScorer"/> that scores batches of new reports inside ledger transactions, keeping whatever it
/// needs between reports as durable state in the ledger (see <see cref="SchemeState"/>).
/// </summary>
public abstract class PointsScheme : Scheme
{
    /// <summary>Creates the scheme.</summary>
    protected PointsScheme()
    {
    }

    /// <summary>The currencies this scheme credits, each with its posting kinds.</summary>
    public abstract IReadOnlyList<Currency> Currencies { get; }

    /// <summary>
    /// The currency in which a report of <paramref name="type"/> is keyed for idempotency (report ids are unique per
    /// currency and producer). The default is the first currency.
    /// </summary>
    public virtual string CurrencyOf(ReportType type) => Currencies[0].Name;

    /// <summary>Creates a scorer with the rule sets and evaluator backend of <paramref name="context"/>.</summary>
    /// <exception cref="Scoring.Evaluation.RuleSetException">A rule set in force cannot be used by this scheme (a missing input, a wrong output).</exception>
    public abstract SchemeScorer CreateScorer(SchemeContext context);
}
