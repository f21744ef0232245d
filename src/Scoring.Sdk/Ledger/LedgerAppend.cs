namespace Scoring.Ledger;

/// <summary><see cref="ILedgerStore.AppendAsync"/> on top of a write transaction, the same for every store.</summary>
internal static class LedgerAppend
{
    /// <summary>Validates the batch and computes its keys, once, before the transaction (and its retries) start.</summary>
    public static ReportKey[] Prepare(LedgerBatch batch)
    {
        BatchValidator.Validate(batch);
        var keys = new ReportKey[batch.Reports.Count];
        for (int i = 0; i < keys.Length; i++)
            keys[i] = ReportKey.Of(batch.Reports[i]);
        return keys;
    }

    /// <summary>Classifies the keys, records the new ones and appends their reports' entries.</summary>
    public static async ValueTask<AppendResult> RunAsync(
        LedgerTransaction transaction, LedgerBatch batch, ReportKey[] keys, CancellationToken cancellationToken)
    {
        var statuses = await transaction.RecordNewAsync(keys, cancellationToken).ConfigureAwait(false);
        var fresh = new List<LedgerReport>(keys.Length);
        int duplicates = 0, conflicts = 0;
        for (int i = 0; i < statuses.Length; i++)
        {
            switch (statuses[i])
            {
                case ReportKeyStatus.New: fresh.Add(batch.Reports[i]); break;
                case ReportKeyStatus.Duplicate: duplicates++; break;
                default: conflicts++; break;
            }
        }
        int entries = fresh.Count == 0 ? 0 : await transaction.AppendValidatedAsync(fresh, cancellationToken).ConfigureAwait(false);
        return new AppendResult(fresh.Count, duplicates, entries, conflicts);
    }
}
