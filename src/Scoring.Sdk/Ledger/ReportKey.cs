namespace Scoring.Ledger;

/// <summary>
/// The idempotency key of a report, bound to its producer, with the hash of its content. A key is recorded once;
/// offering (<see cref="Scheme"/>, <see cref="Producer"/>, <see cref="ReportId"/>) again is a
/// <see cref="ReportKeyStatus.Duplicate"/> when <see cref="ContentHash"/> matches the recorded one (or the recorded one
/// is unknown) and a <see cref="ReportKeyStatus.Conflict"/> when it differs.
/// </summary>
/// <param name="Scheme">The ledger scheme (point currency) the report belongs to.</param>
/// <param name="Producer">Who made the report (a peer id, a miner id), or empty for operator and scheme-generated reports.</param>
/// <param name="ReportId">The producer's id for the report.</param>
/// <param name="ContentHash">A stable 64-bit hash of the report's content, normally <see cref="LedgerReports.ContentHash"/>.</param>
public readonly record struct ReportKey(string Scheme, string Producer, string ReportId, long ContentHash)
{
    /// <summary>The key of <paramref name="report"/>: its scheme, producer, id and <see cref="LedgerReports.ContentHash"/>.</summary>
    /// <param name="report">The report.</param>
    public static ReportKey Of(LedgerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportKey(report.Scheme, report.Producer, report.ReportId, LedgerReports.ContentHash(report));
    }

    /// <summary>The key for messages: <c>scheme/producer/id</c>.</summary>
    public override string ToString() => $"'{Scheme}/{Producer}/{ReportId}'";
}
