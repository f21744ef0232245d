namespace Scoring.Ledger;

/// <summary>
/// Reports appended in one transaction: all of them are committed, or none. A report key that occurs twice in
/// the batch counts once; the later copies are duplicates (same content) or conflicts (other content).
/// </summary>
public sealed class LedgerBatch
{
    /// <summary>Creates a batch of the given reports, in order.</summary>
    /// <param name="reports">The reports; the batch keeps its own copy of the list.</param>
    public LedgerBatch(IEnumerable<LedgerReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        Reports = reports.ToArray();
    }

    /// <summary>The reports, in append order.</summary>
    public IReadOnlyList<LedgerReport> Reports { get; }
}
