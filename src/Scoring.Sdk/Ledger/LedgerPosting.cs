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
/// <param name="Kind">What the amount pays for.</param>
/// <param name="Amount">Exact points; negative only for <see cref="EntryKind.Slash"/> and <see cref="EntryKind.Adjustment"/>.</param>
public sealed record LedgerPosting(string Account, string Peer, EntryKind Kind, Points Amount)
{
    /// <summary>Peer-seconds of counted presence this posting stands for (presence postings only; otherwise 0).</summary>
    public long ActiveSeconds { get; init; }

    /// <summary>Why: required (non-blank) for slashes and adjustments, optional otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>Who: the operator responsible; required (non-blank) for slashes and adjustments.</summary>
    public string? Operator { get; init; }
}
