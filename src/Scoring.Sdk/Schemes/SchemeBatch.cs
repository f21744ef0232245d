using Scoring.Ingestion;
using Scoring.Ledger;

namespace Scoring.Schemes;

/// <summary>
/// One batch of new reports as a <see cref="SchemeScorer"/> sees it, inside one ledger write transaction: the reports,
/// the scheme's durable <see cref="State"/>, and what the scorer decides — rejections and ledger entries.
/// </summary>
public sealed class SchemeBatch
{
    private readonly List<LedgerReport> _posts;
    private readonly List<LedgerReport> _postsOnce = [];
    private readonly Dictionary<int, (string Field, string Reason, bool Late)> _rejected = [];

    internal SchemeBatch(PointsScheme scheme, IReadOnlyList<ReportInput> reports, ILedgerTransaction transaction)
    {
        // About one posted report per report: reserved once rather than grown through every doubling to the batch's size.
        _posts = new List<LedgerReport>(reports.Count);
        Reports = reports;
        State = new SchemeState(scheme.Name, transaction);
        Now = transaction.Now;
    }

    /// <summary>
    /// The new reports, in input order; each is accepted unless rejected. The list is the pipeline's and is reused for a
    /// later batch once this one commits: keep the reports a scorer needs later, not the list.
    /// </summary>
    public IReadOnlyList<ReportInput> Reports { get; }

    /// <summary>The scheme's durable state, committed with this batch's entries.</summary>
    public SchemeState State { get; }

    /// <summary>The transaction's time (recorded time of its entries).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The entries posted so far.</summary>
    public IReadOnlyList<LedgerReport> Posts => _posts;

    /// <summary>Rejects report <paramref name="index"/>: nothing of it is recorded (a fixed rule set may score it when it is sent again).</summary>
    /// <param name="index">The report's index in <see cref="Reports"/>.</param>
    /// <param name="field">The JSON path at fault (<c>$</c> for the whole report).</param>
    /// <param name="reason">Why, in plain words.</param>
    public void Reject(int index, string field, string reason) => Mark(index, field, reason, late: false);

    /// <summary>Rejects report <paramref name="index"/> as late: it arrived after the scheme's watermark, and changes nothing.</summary>
    public void RejectLate(int index, string reason) => Mark(index, "$.timestamp", reason, late: true);

    /// <summary>Whether report <paramref name="index"/> was rejected.</summary>
    public bool IsRejected(int index) => _rejected.ContainsKey(index);

    /// <summary>Posts the entries of one settled report (this batch's or one held in state).</summary>
    public void Post(LedgerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _posts.Add(report);
    }

    /// <summary>
    /// Posts the entries of a report the scheme makes itself (an epoch's boost, a penalty) under an idempotency key of its
    /// own (<see cref="LedgerReport.Scheme"/>, <see cref="LedgerReport.Producer"/>, <see cref="LedgerReport.ReportId"/>):
    /// when the ledger already holds that key, nothing is posted. A safety net for state that predates the scheme's
    /// (e.g. a migrated ledger) — the state should already prevent posting twice.
    /// </summary>
    public void PostOnce(LedgerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _postsOnce.Add(report);
    }

    /// <summary>The entries posted with <see cref="PostOnce"/>.</summary>
    public IReadOnlyList<LedgerReport> PostsOnce => _postsOnce;

    /// <summary>How many reports were rejected.</summary>
    internal int RejectedCount => _rejected.Count;

    internal IEnumerable<(int Index, string Field, string Reason, bool Late)> Rejections =>
        _rejected.OrderBy(r => r.Key).Select(r => (r.Key, r.Value.Field, r.Value.Reason, r.Value.Late));

    private void Mark(int index, string field, string reason, bool late)
    {
        if ((uint)index >= (uint)Reports.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The batch has reports 0..{Reports.Count - 1}.");
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _rejected.TryAdd(index, (field, reason, late));
    }
}
