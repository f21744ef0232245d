namespace Scoring.Ledger;

/// <summary>
/// One write transaction of a ledger, handed to the work of <see cref="ILedgerStore.WriteAsync{T}"/>: report keys,
/// entries and scheme state written through it are committed together when the work returns, or not at all.
/// </summary>
/// <remarks>
/// Call its methods one at a time (await each before the next); it is not thread-safe, and it is only valid while the
/// work runs. The work may be run again from the start after a transient storage conflict, so it must reach the
/// ledger only through this transaction.
/// </remarks>
public interface ILedgerTransaction
{
    /// <summary>The transaction's clock reading: the recorded time of the entries written in it.</summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// Read-only: for each key in order, <see cref="ReportKeyStatus.New"/>, <see cref="ReportKeyStatus.Duplicate"/> or
    /// <see cref="ReportKeyStatus.Conflict"/> against the ledger, the keys recorded earlier in this transaction, and
    /// the earlier keys of the same list (the second copy of a key in the list is a duplicate or conflict of the first).
    /// </summary>
    /// <param name="keys">The keys to classify.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="ArgumentException">A key's scheme or id is blank, or a part is too long or not valid text.</exception>
    ValueTask<ReportKeyStatus[]> ClassifyAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Records keys: each must be new (classify first).</summary>
    /// <param name="keys">The keys to record, each at most once.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InvalidOperationException">A key is already recorded, or occurs twice in the list; nothing of the call was written.</exception>
    /// <exception cref="ArgumentException">A key is invalid.</exception>
    ValueTask RecordAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the entries of each report (one entry per posting, sequence numbers in order) and updates the running
    /// totals. No idempotency check here: record the reports' keys first. Every report is validated before anything
    /// is written (the same rules as <see cref="ILedgerStore.AppendAsync"/>); a failed call writes nothing and leaves
    /// the transaction usable.
    /// </summary>
    /// <param name="reports">The reports whose entries to append.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of entries written.</returns>
    /// <exception cref="LedgerValidationException">A report is invalid (its index in <paramref name="reports"/>, id and field are named).</exception>
    /// <exception cref="LedgerOverflowException">A running total would leave the 64-bit range.</exception>
    ValueTask<int> AppendEntriesAsync(IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads scheme state: opaque values under string keys, per scheme (a plug-in scheme's name, e.g. <c>swarm</c>).
    /// Sees this transaction's own writes.
    /// </summary>
    /// <param name="scheme">The state's scheme.</param>
    /// <param name="keys">The keys to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The keys that have a value, with a copy of it; absent keys are left out.</returns>
    /// <exception cref="ArgumentException">The scheme (1–256 characters) or a key (1–1024) is invalid, or contains a NUL or an unpaired surrogate.</exception>
    ValueTask<IReadOnlyDictionary<string, byte[]>> GetStateAsync(string scheme, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// The scheme's state keys starting with <paramref name="prefix"/>, in ordinal order (by Unicode code point, the
    /// UTF-8 byte order every store sorts text in), with copies of their values. Sees this transaction's own writes;
    /// writes made while enumerating may or may not be seen by the rest of the enumeration.
    /// </summary>
    /// <param name="scheme">The state's scheme.</param>
    /// <param name="prefix">The key prefix; empty for every key.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<KeyValuePair<string, byte[]>> ScanStateAsync(string scheme, string prefix, CancellationToken cancellationToken = default);

    /// <summary>Writes (value not null) or deletes (value null) state keys, in order (the last change of a key wins).</summary>
    /// <param name="scheme">The state's scheme.</param>
    /// <param name="changes">Keys and their new values; a value is at most <see cref="LedgerState.MaxValueBytes"/> bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentException">The scheme, a key or a value is invalid.</exception>
    ValueTask PutStateAsync(string scheme, IReadOnlyList<KeyValuePair<string, byte[]?>> changes, CancellationToken cancellationToken = default);
}
