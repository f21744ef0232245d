namespace Scoring.Ledger;

/// <summary>The per-(scheme, account) deltas of the entries one call appends.</summary>
internal sealed class BatchTotals
{
    public Dictionary<(string Scheme, string Account), TotalsDelta> Accounts { get; } = new();

    public void Add(string scheme, LedgerPosting posting, long reportTicks)
    {
        var key = (scheme, posting.Account);
        if (!Accounts.TryGetValue(key, out var delta))
            Accounts[key] = delta = new TotalsDelta();
        delta.Add(posting.Kind, posting.Amount.Units, posting.ActiveSeconds, reportTicks);
    }

    public static LedgerOverflowException Overflow(string scheme, string account, string part) => new(
        $"Appending the batch would overflow the {part} of account '{account}' in scheme '{scheme}' beyond the 64-bit range; " +
        "the batch was rejected and nothing of it was committed.");

    /// <summary>A sum computed at read time (a window, a peer, several schemes) that does not fit.</summary>
    public static LedgerOverflowException ReadOverflow(string part, string account, string? peer, string over) => new(
        $"The {part} of account '{account}'{(peer is null ? "" : $", peer '{peer}'")} exceeds the 64-bit range {over}.");
}
