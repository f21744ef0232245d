using System.Runtime.CompilerServices;

namespace Scoring.Ledger;

/// <summary>
/// What every store's write transaction shares: argument checks, the classification rules for report keys (against
/// the ledger, this transaction and earlier keys of the same list) and state-change folding. Stores supply the lookups
/// and writes. Every mutating call is atomic: a call that throws leaves nothing of itself in the transaction.
/// </summary>
internal abstract class LedgerTransaction : ILedgerTransaction
{
    public abstract DateTimeOffset Now { get; }

    public async ValueTask<ReportKeyStatus[]> ClassifyAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken = default)
    {
        CheckKeys(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = keys.Count == 0 ? [] : await LookupKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        return Classify(keys, stored);
    }

    public async ValueTask RecordAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken = default)
    {
        CheckKeys(keys);
        var seen = new HashSet<(string, string, string)>(keys.Count);
        foreach (var key in keys)
            if (!seen.Add(Id(key)))
                throw new InvalidOperationException($"The report key {key} occurs twice in the list to record; nothing was recorded.");
        await RecordCheckedAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="ILedgerTransaction.ClassifyAsync"/> of keys no two of which share an id, as the ingestion's segments
    /// are cut (<c>KeyedSegments</c>): with no earlier copy in the list to look for, a store of this library skips the
    /// per-key id set, which hashed three strings per key on the writer's thread. Any other transaction classifies as usual.
    /// </summary>
    internal static ValueTask<ReportKeyStatus[]> ClassifyDistinctAsync(ILedgerTransaction transaction, IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken) =>
        transaction is LedgerTransaction own ? own.ClassifyDistinctAsync(keys, cancellationToken) : transaction.ClassifyAsync(keys, cancellationToken);

    /// <summary><see cref="ILedgerTransaction.RecordAsync"/> of keys no two of which share an id (see <see cref="ClassifyDistinctAsync(ILedgerTransaction, IReadOnlyList{ReportKey}, CancellationToken)"/>).</summary>
    internal static ValueTask RecordDistinctAsync(ILedgerTransaction transaction, IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken) =>
        transaction is LedgerTransaction own ? own.RecordDistinctAsync(keys, cancellationToken) : transaction.RecordAsync(keys, cancellationToken);

    private async ValueTask<ReportKeyStatus[]> ClassifyDistinctAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        CheckKeys(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var statuses = new ReportKeyStatus[keys.Count];
        // Looked up a slice at a time: a batch's keys and their lookup results, whole, are large arrays made per batch.
        var slice = new List<ReportKey>(Math.Min(keys.Count, LookupSlice));
        for (int start = 0; start < keys.Count; start += LookupSlice)
        {
            slice.Clear();
            for (int i = start; i < keys.Count && i < start + LookupSlice; i++)
                slice.Add(keys[i]);
            var stored = await LookupKeysAsync(slice, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < slice.Count; i++)
                statuses[start + i] = stored[i].Found ? StatusOf(stored[i], slice[i]) : ReportKeyStatus.New;
        }
        return statuses;
    }

    /// <summary>Keys per lookup when classifying distinct keys: the slice's lists stay below the large object heap's 85,000 bytes.</summary>
    internal const int LookupSlice = 2048;

    private async ValueTask RecordDistinctAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        CheckKeys(keys);
        await RecordCheckedAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records keys already checked (text, and distinct ids): what both record calls end with.</summary>
    private async ValueTask RecordCheckedAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (keys.Count > 0)
            await RecordKeysAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<int> AppendEntriesAsync(IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken = default)
    {
        BatchValidator.Validate(reports);
        cancellationToken.ThrowIfCancellationRequested();
        return reports.Count == 0 ? ValueTask.FromResult(0) : AppendValidatedAsync(reports, cancellationToken);
    }

    public ValueTask<IReadOnlyDictionary<string, byte[]>> GetStateAsync(string scheme, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        LedgerState.CheckScheme(scheme, nameof(scheme));
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = new List<string>(keys.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            LedgerState.CheckKey(key, nameof(keys));
            if (seen.Add(key))
                distinct.Add(key);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return GetStateCoreAsync(scheme, distinct, cancellationToken);
    }

    public IAsyncEnumerable<KeyValuePair<string, byte[]>> ScanStateAsync(string scheme, string prefix, CancellationToken cancellationToken = default)
    {
        // Checked when called, not when first enumerated: a bad argument is the caller's error at the call.
        LedgerState.CheckScheme(scheme, nameof(scheme));
        LedgerState.CheckPrefix(prefix, nameof(prefix));
        return ScanPagesAsync(scheme, prefix, cancellationToken);
    }

    public ValueTask PutStateAsync(string scheme, IReadOnlyList<KeyValuePair<string, byte[]?>> changes, CancellationToken cancellationToken = default)
    {
        LedgerState.CheckScheme(scheme, nameof(scheme));
        ArgumentNullException.ThrowIfNull(changes);
        // The last change of a key wins; the stores then write each key once, in ordinal order.
        var folded = new SortedDictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            LedgerState.CheckKey(key, nameof(changes));
            if (value is not null)
                LedgerState.CheckValue(key, value, nameof(changes));
            folded[key] = value is null ? null : (byte[])value.Clone();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return folded.Count == 0 ? ValueTask.CompletedTask : PutStateCoreAsync(scheme, folded.ToList(), cancellationToken);
    }

    /// <summary>
    /// Classifies <paramref name="keys"/> and records the new ones in one step (what <see cref="ILedgerStore.AppendAsync"/>
    /// does); returns each key's status before recording. Keys come from validated reports.
    /// </summary>
    internal virtual async ValueTask<ReportKeyStatus[]> RecordNewAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
    {
        var statuses = Classify(keys, await LookupKeysAsync(keys, cancellationToken).ConfigureAwait(false));
        var fresh = new List<ReportKey>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
            if (statuses[i] == ReportKeyStatus.New)
                fresh.Add(keys[i]);
        if (fresh.Count > 0)
            await InsertNewKeysAsync(fresh, cancellationToken).ConfigureAwait(false);
        return statuses;
    }

    /// <summary>Appends the entries of reports that were validated already (one entry per posting, in order); returns how many.</summary>
    internal abstract ValueTask<int> AppendValidatedAsync(IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken);

    /// <summary>For each key, whether the ledger (including this transaction) holds it, and its stored hash.</summary>
    protected abstract ValueTask<StoredKey[]> LookupKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken);

    /// <summary>Records distinct keys, all or none: an <see cref="InvalidOperationException"/> naming a key already recorded.</summary>
    protected abstract ValueTask RecordKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken);

    /// <summary>Records distinct keys this transaction has just classified as new; a store may skip the existence check.</summary>
    protected virtual ValueTask InsertNewKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken) =>
        RecordKeysAsync(keys, cancellationToken);

    protected abstract ValueTask<IReadOnlyDictionary<string, byte[]>> GetStateCoreAsync(string scheme, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the scheme's keys after <paramref name="after"/> (or from the start) in code point order, with their values.</summary>
    protected abstract ValueTask<IReadOnlyList<KeyValuePair<string, byte[]>>> ScanStatePageAsync(
        string scheme, string? after, string prefix, int limit, CancellationToken cancellationToken);

    /// <summary>Writes (value not null) or deletes (null) distinct keys, in ordinal order, all or none.</summary>
    protected abstract ValueTask PutStateCoreAsync(string scheme, IReadOnlyList<KeyValuePair<string, byte[]?>> changes, CancellationToken cancellationToken);

    /// <summary>How many keys one page of a scan reads: the connection is free between pages, so the caller may use the transaction while scanning.</summary>
    protected const int ScanPageSize = 256;

    internal static (string Scheme, string Producer, string ReportId) Id(in ReportKey key) => (key.Scheme, key.Producer, key.ReportId);

    /// <summary>The status of <paramref name="key"/> when the ledger holds its id (<paramref name="stored"/> found).</summary>
    internal static ReportKeyStatus StatusOf(in StoredKey stored, in ReportKey key) =>
        // An unknown stored hash (a key migrated from schema version 2) cannot show a conflict: a re-send is a duplicate.
        stored.ContentHash is not { } hash || hash == key.ContentHash ? ReportKeyStatus.Duplicate : ReportKeyStatus.Conflict;

    /// <summary>The classification rules, shared by every store: the ledger first, then earlier copies in the list.</summary>
    internal static ReportKeyStatus[] Classify(IReadOnlyList<ReportKey> keys, StoredKey[] stored)
    {
        var statuses = new ReportKeyStatus[keys.Count];
        Dictionary<(string, string, string), long>? earlier = null;
        for (int i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (stored[i].Found)
                statuses[i] = StatusOf(stored[i], key);
            else if ((earlier ??= new(keys.Count)).TryGetValue(Id(key), out long first))
                statuses[i] = first == key.ContentHash ? ReportKeyStatus.Duplicate : ReportKeyStatus.Conflict;
            else
            {
                statuses[i] = ReportKeyStatus.New;
                earlier[Id(key)] = key.ContentHash;
            }
        }
        return statuses;
    }

    private async IAsyncEnumerable<KeyValuePair<string, byte[]>> ScanPagesAsync(
        string scheme, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await ScanStatePageAsync(scheme, after, prefix, ScanPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var pair in page)
                yield return pair;
            if (page.Count < ScanPageSize)
                yield break;
            after = page[^1].Key;
        }
    }

    private static void CheckKeys(IReadOnlyList<ReportKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        for (int i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            Check(key.Scheme, "scheme", blankAllowed: false);
            Check(key.Producer, "producer", blankAllowed: true);
            Check(key.ReportId, "report id", blankAllowed: false);

            void Check(string? text, string what, bool blankAllowed)
            {
                if (!blankAllowed && string.IsNullOrWhiteSpace(text))
                    throw new ArgumentException($"Report key #{i}: the {what} is required and must not be blank.", nameof(keys));
                // The message names the key's position: made only for text the quick test does not pass (classifying a
                // batch made three strings per key, on every call, before this test).
                if (!LedgerState.IsPlainText(text, BatchValidator.MaxIdLength))
                    LedgerState.CheckText(text, nameof(keys), $"{what} of report key #{i}", allowEmpty: true, BatchValidator.MaxIdLength);
            }
        }
    }
}
