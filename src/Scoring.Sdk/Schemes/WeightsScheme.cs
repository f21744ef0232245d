using Scoring.Ingestion;

namespace Scoring.Schemes;

/// <summary>
/// A scheme that scores one round of results into per-uid scores and subnet weights (it keeps no ledger): the
/// Proof-of-GPU validator. The round's formula is a rule set like any other; merging several results of one uid is
/// the scheme's decision.
/// </summary>
public abstract class WeightsScheme : Scheme
{
    /// <summary>Creates the scheme.</summary>
    protected WeightsScheme()
    {
    }

    /// <summary>Scores a round from <paramref name="reports"/> (every report of this scheme's types, in input order).</summary>
    /// <exception cref="Scoring.Evaluation.RuleSetException">A rule set in force cannot be used by this scheme.</exception>
    public abstract WeightsRound ScoreRound(IReadOnlyList<ReportInput> reports, SchemeContext context);
}
