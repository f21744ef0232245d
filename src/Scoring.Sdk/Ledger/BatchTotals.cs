namespace Scoring.Ledger;

/// <summary>The per-account and per-peer deltas of the new (non-duplicate) reports of one batch.</summary>
internal sealed class BatchTotals
{
    public Dictionary<string, TotalsDelta> Accounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Account, string Peer), TotalsDelta> Peers { get; } = new();

    public void Add(LedgerPosting posting, long reportTicks)
    {
        Delta(Accounts, posting.Account).Add(posting.Kind, posting.Amount.Units, posting.ActiveSeconds, reportTicks);
        Delta(Peers, (posting.Account, posting.Peer)).Add(posting.Kind, posting.Amount.Units, posting.ActiveSeconds, reportTicks);
    }

    public static LedgerOverflowException Overflow(string account, string? peer, string part) => new(
        $"Appending the batch would overflow the {part} of account '{account}'" +
        (peer is null ? "" : $", peer '{peer}'") +
        " beyond the 64-bit range; the batch was rejected and nothing of it was committed.");

    private static TotalsDelta Delta<TKey>(Dictionary<TKey, TotalsDelta> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var delta))
            map[key] = delta = new TotalsDelta();
        return delta;
    }
}
