using Scoring.Evaluation;

namespace Scoring.Schemes;

/// <summary>
/// A <see cref="PointsScheme"/>'s scoring step, created for one ingestion run or host. The pipeline calls
/// <see cref="ScoreAsync"/> once per batch of <em>new</em> reports (duplicates and conflicts already removed) inside
/// one ledger write transaction, from one thread at a time; everything the scheme keeps between reports must live in
/// <see cref="SchemeBatch.State"/>, which commits with the entries it produced. Scoring must depend only on the
/// state and the batch: a transaction the store retries runs it again from the start.
/// </summary>
public abstract class SchemeScorer : IDisposable
{
    /// <summary>Creates the scorer of <paramref name="scheme"/>.</summary>
    protected SchemeScorer(PointsScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        Scheme = scheme;
    }

    /// <summary>The scheme.</summary>
    public PointsScheme Scheme { get; }

    /// <summary>The rule-set versions this scorer evaluates (for summaries and audits).</summary>
    public abstract IReadOnlyList<CompiledRuleSet> RuleSets { get; }

    /// <summary>
    /// Scores a batch: each report is accepted (the default) or rejected with <see cref="SchemeBatch.Reject"/> /
    /// <see cref="SchemeBatch.RejectLate"/>; entries of reports settled now (this batch's or earlier ones held in
    /// state) are posted with <see cref="SchemeBatch.Post"/>.
    /// </summary>
    public abstract ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Settles whatever the scheme holds back (a reorder window, an open epoch) as at the end of the input: posts its
    /// entries and moves the scheme's watermark, so reports at or before it are late afterwards. The batch has no
    /// reports. The default settles nothing.
    /// </summary>
    public virtual ValueTask SettleAsync(SchemeBatch batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Releases evaluator resources (device buffers).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases evaluator resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
