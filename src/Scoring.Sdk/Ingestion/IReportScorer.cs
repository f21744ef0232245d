using Scoring.Ledger;

namespace Scoring.Ingestion;

/// <summary>
/// A scheme's scoring step: turns decoded reports into ledger reports (one per accepted report, with its postings)
/// or rejections (a report the scheme cannot score: an unknown model, a rule error).
/// </summary>
/// <remarks>
/// The pipeline calls <see cref="Score"/> with consecutive batches in input order, from one thread at a time, so a
/// stateful scheme (presence intervals, peer caps) sees every report exactly in order. Reports that the ledger will
/// later find to be duplicates are scored too: replaying an input rebuilds a stateful scheme's state and produces
/// the same report ids, which the ledger then ignores.
/// </remarks>
public interface IReportScorer
{
    /// <summary>The scheme name written to the ledger (e.g. <c>swarm</c>); report ids are unique within it.</summary>
    string Scheme { get; }

    /// <summary>Scores one batch of reports.</summary>
    /// <param name="reports">The batch, in input order.</param>
    /// <param name="output">Where to put ledger reports and rejections.</param>
    void Score(IReadOnlyList<ReportInput> reports, ScoredBatch output);

    /// <summary>
    /// Called once after the last batch: a scheme that holds points back until an interval closes (presence) or an
    /// epoch ends (boosts) adds them now. The default adds nothing.
    /// </summary>
    /// <param name="output">Where to put the final ledger reports.</param>
    void Complete(ScoredBatch output)
    {
    }
}
