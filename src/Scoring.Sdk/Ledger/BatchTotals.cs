namespace Scoring.Ledger;

/// <summary>The per-account deltas of the new (non-duplicate) reports of one batch.</summary>
internal sealed class BatchTotals
{
    public Dictionary<string, TotalsDelta> Accounts { get; } = new(StringComparer.Ordinal);

    public void Add(LedgerPosting posting, long reportTicks)
    {
        if (!Accounts.TryGetValue(posting.Account, out var delta))
            Accounts[posting.Account] = delta = new TotalsDelta();
        delta.Add(posting.Kind, posting.Amount.Units, posting.ActiveSeconds, reportTicks);
    }

    public static LedgerOverflowException Overflow(string account, string part) => new(
        $"Appending the batch would overflow the {part} of account '{account}' beyond the 64-bit range; " +
        "the batch was rejected and nothing of it was committed.");
}
