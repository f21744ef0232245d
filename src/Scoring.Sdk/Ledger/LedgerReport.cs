namespace Scoring.Ledger;

/// <summary>
/// One scored report: the unit of idempotency. A report is identified by (<see cref="Scheme"/>,
/// <see cref="Producer"/>, <see cref="ReportId"/>); offered again with the same content it is a duplicate, with other
/// content a conflict, and either way it is skipped (see <see cref="ReportKey"/>).
/// </summary>
public sealed record LedgerReport
{
    /// <summary>The ledger scheme, a point currency (e.g. <c>swarm</c>, <c>jobs.llama</c>); report keys and running totals are per scheme.</summary>
    public required string Scheme { get; init; }

    /// <summary>
    /// Who made the report: a swarm peer id, a miner id; empty (the default) for reports made by an operator or by
    /// a scheme itself (slashes, boosts). Report ids are unique per producer, so two producers never collide on an id.
    /// </summary>
    public string Producer { get; init; } = "";

    /// <summary>The report's id, as its producer assigned it (or an operator's id for a slash or adjustment).</summary>
    public required string ReportId { get; init; }

    /// <summary>When the reported work happened; windows and leaderboards select on this time.</summary>
    public required DateTimeOffset ReportTime { get; init; }

    /// <summary>The id of the rule set that scored the report; may be empty only when every posting is manual.</summary>
    public required string RuleSetId { get; init; }

    /// <summary>The content hash of that rule set version; may be empty only when every posting is manual.</summary>
    public required string RuleSetHash { get; init; }

    /// <summary>What the report credits; at least one posting (a zero amount is fine).</summary>
    public required IReadOnlyList<LedgerPosting> Postings { get; init; }

    /// <summary>
    /// Builds a manual report (producer empty): a slash or an adjustment is a new entry with a reason and an
    /// operator, never an edit of history. <paramref name="adjustmentId"/> makes it idempotent like any report.
    /// </summary>
    /// <param name="scheme">The scheme the correction belongs to.</param>
    /// <param name="adjustmentId">A unique id for this correction (e.g. a ticket number).</param>
    /// <param name="time">The time it takes effect (its report time).</param>
    /// <param name="account">The account corrected.</param>
    /// <param name="peer">The peer, or empty for the whole account.</param>
    /// <param name="kind"><see cref="PostingKinds.Slash"/> or <see cref="PostingKinds.Adjustment"/>.</param>
    /// <param name="amount">The signed amount (a slash is zero or negative).</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="operatorName">Who; required.</param>
    public static LedgerReport Manual(
        string scheme, string adjustmentId, DateTimeOffset time, string account, string peer,
        string kind, Points amount, string reason, string operatorName) => new()
    {
        Scheme = scheme,
        ReportId = adjustmentId,
        ReportTime = time,
        RuleSetId = "",
        RuleSetHash = "",
        Postings = [new LedgerPosting(account, peer, kind, amount) { Reason = reason, Operator = operatorName }],
    };
}
