namespace Scoring.Ledger;

/// <summary>
/// One amount a report credits (or, for slashes and adjustments, debits) to an account and peer.
/// A report produces one or more postings, e.g. compute points and presence points.
/// </summary>
/// <param name="Account">The account (wallet, user) the points belong to. Required.</param>
/// <param name="Peer">
/// The peer, miner or GPU that earned them. Required for activity kinds; may be empty for a slash or
/// adjustment that applies to the whole account.
/// </param>
/// <param name="Kind">
/// What the amount pays for: a name valid under <see cref="PostingKinds.IsValid"/> (e.g. <c>compute</c>, <c>job</c>,
/// or <see cref="PostingKinds.Slash"/>); the account's <see cref="ScoreParts"/> are split by it.
/// </param>
/// <param name="Amount">Exact points; negative only for <see cref="PostingKinds.Slash"/> and <see cref="PostingKinds.Adjustment"/>.</param>
public sealed record LedgerPosting(string Account, string Peer, string Kind, Points Amount)
{
    /// <summary>
    /// Counted active seconds this posting stands for (e.g. peer-seconds of presence); any activity posting may carry
    /// them, manual postings may not. Summed into the totals' active seconds, a leaderboard column.
    /// </summary>
    public long ActiveSeconds { get; init; }

    /// <summary>Why: required (non-blank) for slashes and adjustments, optional otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Who: the operator responsible; required (non-blank) for slashes and adjustments.</summary>
    public string? Operator { get; init; }
}
