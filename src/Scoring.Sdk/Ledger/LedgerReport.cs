namespace Scoring.Ledger;

/// <summary>
/// One scored report: the unit of idempotency. A report whose (<see cref="Scheme"/>, <see cref="ReportId"/>)
/// was appended before is ignored as a duplicate, whatever its postings are.
/// </summary>
public sealed record LedgerReport
{
    /// <summary>The scoring scheme (e.g. <c>swarm</c>, <c>jobs</c>, <c>pog</c>); report ids are unique within a scheme.</summary>
    public required string Scheme { get; init; }

    /// <summary>The report's id, as the network assigned it (or an operator's id for a slash or adjustment).</summary>
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
    /// Builds a manual report: a slash or an adjustment is a new entry with a reason and an operator,
    /// never an edit of history. <paramref name="adjustmentId"/> makes it idempotent like any report.
    /// </summary>
    /// <param name="scheme">The scheme the correction belongs to.</param>
    /// <param name="adjustmentId">A unique id for this correction (e.g. a ticket number).</param>
    /// <param name="time">The time it takes effect (its report time).</param>
    /// <param name="account">The account corrected.</param>
    /// <param name="peer">The peer, or empty for the whole account.</param>
    /// <param name="kind"><see cref="EntryKind.Slash"/> or <see cref="EntryKind.Adjustment"/>.</param>
    /// <param name="amount">The signed amount (a slash is zero or negative).</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="operatorName">Who; required.</param>
    public static LedgerReport Manual(
        string scheme, string adjustmentId, DateTimeOffset time, string account, string peer,
        EntryKind kind, Points amount, string reason, string operatorName) => new()
    {
        Scheme = scheme,
        ReportId = adjustmentId,
        ReportTime = time,
        RuleSetId = "",
        RuleSetHash = "",
        Postings = [new LedgerPosting(account, peer, kind, amount) { Reason = reason, Operator = operatorName }],
    };
}
