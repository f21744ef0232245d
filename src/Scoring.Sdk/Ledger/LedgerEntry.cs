namespace Scoring.Ledger;

/// <summary>A recorded ledger entry: one posting of one report, as stored. Entries are never updated or deleted.</summary>
/// <param name="Sequence">The ledger-wide order in which entries were recorded (1, 2, …; gaps are possible).</param>
/// <param name="Scheme">The report's scheme.</param>
/// <param name="ReportId">The report's id.</param>
/// <param name="Account">The account credited.</param>
/// <param name="Peer">The peer, or empty for an account-wide slash or adjustment.</param>
/// <param name="Kind">What the amount pays for (a <see cref="PostingKinds"/> name).</param>
/// <param name="Amount">The exact amount.</param>
/// <param name="ActiveSeconds">Counted active seconds (activity entries that carry them).</param>
/// <param name="ReportTime">When the work happened (UTC).</param>
/// <param name="RecordedTime">When the ledger recorded it (UTC).</param>
/// <param name="RuleSetId">The rule set that scored it.</param>
/// <param name="RuleSetHash">That rule set version's content hash.</param>
/// <param name="Reason">Why (always set for slashes and adjustments).</param>
/// <param name="Operator">Who (always set for slashes and adjustments).</param>
public sealed record LedgerEntry(
    long Sequence,
    string Scheme,
    string ReportId,
    string Account,
    string Peer,
    string Kind,
    Points Amount,
    long ActiveSeconds,
    DateTimeOffset ReportTime,
    DateTimeOffset RecordedTime,
    string RuleSetId,
    string RuleSetHash,
    string? Reason,
    string? Operator);
