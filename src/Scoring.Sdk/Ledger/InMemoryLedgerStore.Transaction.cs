namespace Scoring.Ledger;

public sealed partial class InMemoryLedgerStore
{
    /// <summary>
    /// One write transaction: its keys, entries, totals and state changes live here until <see cref="Commit"/> publishes
    /// them. Only the writer holding the store's semaphore ever changes the committed collections (at commit), so
    /// reading them here without the read lock is safe.
    /// </summary>
    private sealed class Transaction(InMemoryLedgerStore store, DateTimeOffset now) : LedgerTransaction
    {
        private readonly List<LedgerEntry> _entries = [];
        private readonly Dictionary<(string, string, string), long?> _reports = [];
        private readonly Dictionary<(string Scheme, string Account), RunningTotals> _totals = [];
        private readonly Dictionary<string, SortedDictionary<string, byte[]?>> _state = new(StringComparer.Ordinal);
        private long _lastReportTicks = store._lastReportTicks;
        private bool _closed;

        public override DateTimeOffset Now => now;

        protected override ValueTask<StoredKey[]> LookupKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
        {
            EnsureOpen();
            var stored = new StoredKey[keys.Count];
            for (int i = 0; i < keys.Count; i++)
            {
                var id = Id(keys[i]);
                if (_reports.TryGetValue(id, out long? hash) || store._reports.TryGetValue(id, out hash))
                    stored[i] = new StoredKey(true, hash);
            }
            return ValueTask.FromResult(stored);
        }

        protected override ValueTask RecordKeysAsync(IReadOnlyList<ReportKey> keys, CancellationToken cancellationToken)
        {
            EnsureOpen();
            foreach (var key in keys)
                if (_reports.ContainsKey(Id(key)) || store._reports.ContainsKey(Id(key)))
                    throw new InvalidOperationException($"The report key {key} is already recorded; record only keys classified as new. Nothing was recorded.");
            foreach (var key in keys)
                _reports[Id(key)] = key.ContentHash;
            return ValueTask.CompletedTask;
        }

        internal override ValueTask<int> AppendValidatedAsync(IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken)
        {
            EnsureOpen();
            // Stage everything first; only when every total fits does the transaction take any of it.
            long recorded = now.UtcTicks;
            long seq = store._entries.Count + _entries.Count + 1;
            long lastReport = _lastReportTicks;
            var staged = new List<LedgerEntry>();
            var totals = new BatchTotals();
            foreach (var report in reports)
            {
                long reportTicks = report.ReportTime.UtcTicks;
                lastReport = Math.Max(lastReport, reportTicks);
                foreach (var posting in report.Postings)
                {
                    staged.Add(new LedgerEntry(
                        seq++, report.Scheme, report.ReportId, posting.Account, posting.Peer, posting.Kind, posting.Amount,
                        posting.ActiveSeconds, LedgerTime.FromTicks(reportTicks), LedgerTime.FromTicks(recorded),
                        report.RuleSetId, report.RuleSetHash, posting.Reason, posting.Operator));
                    totals.Add(report.Scheme, posting, reportTicks);
                }
            }
            var updated = new List<((string, string) Key, RunningTotals Totals)>(totals.Accounts.Count);
            foreach (var (key, delta) in totals.Accounts)
            {
                var current = _totals.GetValueOrDefault(key) ?? store._totals.GetValueOrDefault(key) ?? NoTotals;
                if (!delta.TryAddTo(current.Row, current.Kinds, out var row, out var kinds, out var part))
                    throw BatchTotals.Overflow(key.Scheme, key.Account, part!);
                updated.Add((key, new RunningTotals(row, kinds)));
            }
            cancellationToken.ThrowIfCancellationRequested();

            _entries.AddRange(staged);
            foreach (var (key, running) in updated)
                _totals[key] = running;
            _lastReportTicks = lastReport;
            return ValueTask.FromResult(staged.Count);
        }

        protected override ValueTask<IReadOnlyDictionary<string, byte[]>> GetStateCoreAsync(
            string scheme, IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            EnsureOpen();
            var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var changed = _state.GetValueOrDefault(scheme);
            var committed = store._state.GetValueOrDefault(scheme);
            foreach (var key in keys)
            {
                byte[]? value = null;
                if (changed is not null && changed.TryGetValue(key, out var change))
                    value = change;
                else if (committed is not null && committed.TryGetValue(key, out var stored))
                    value = stored;
                if (value is not null)
                    found[key] = (byte[])value.Clone();
            }
            return ValueTask.FromResult<IReadOnlyDictionary<string, byte[]>>(found);
        }

        protected override ValueTask<IReadOnlyList<KeyValuePair<string, byte[]>>> ScanStatePageAsync(
            string scheme, string? after, string prefix, int limit, CancellationToken cancellationToken)
        {
            EnsureOpen();
            var merged = new SortedDictionary<string, byte[]?>(CodePointComparer.Instance);
            bool Wanted(string key) => key.StartsWith(prefix, StringComparison.Ordinal) &&
                (after is null || CodePointComparer.Instance.Compare(key, after) > 0);
            foreach (var (key, value) in store._state.GetValueOrDefault(scheme) ?? [])
                if (Wanted(key))
                    merged[key] = value;
            foreach (var (key, value) in _state.GetValueOrDefault(scheme) ?? [])
                if (Wanted(key))
                    merged[key] = value;
            IReadOnlyList<KeyValuePair<string, byte[]>> page = merged
                .Where(m => m.Value is not null)
                .Take(limit)
                .Select(m => KeyValuePair.Create(m.Key, (byte[])m.Value!.Clone()))
                .ToList();
            return ValueTask.FromResult(page);
        }

        protected override ValueTask PutStateCoreAsync(string scheme, IReadOnlyList<KeyValuePair<string, byte[]?>> changes, CancellationToken cancellationToken)
        {
            EnsureOpen();
            if (!_state.TryGetValue(scheme, out var changed))
                _state[scheme] = changed = new SortedDictionary<string, byte[]?>(CodePointComparer.Instance);
            foreach (var (key, value) in changes)
                changed[key] = value;
            return ValueTask.CompletedTask;
        }

        /// <summary>Publishes everything at once, under the read lock: readers see all of the transaction or none of it.</summary>
        public void Commit()
        {
            EnsureOpen();
            lock (store._gate)
            {
                foreach (var (id, hash) in _reports)
                    store._reports.Add(id, hash);
                store._entries.AddRange(_entries);
                foreach (var (key, running) in _totals)
                    store._totals[key] = running;
                foreach (var (scheme, changes) in _state)
                {
                    if (!store._state.TryGetValue(scheme, out var committed))
                        store._state[scheme] = committed = new SortedDictionary<string, byte[]>(CodePointComparer.Instance);
                    foreach (var (key, value) in changes)
                    {
                        if (value is null)
                            committed.Remove(key);
                        else
                            committed[key] = value;
                    }
                }
                store._lastReportTicks = _lastReportTicks;
            }
        }

        /// <summary>Ends the transaction: a work that kept it and calls it later gets an error instead of a lost write.</summary>
        public void Close() => _closed = true;

        private void EnsureOpen()
        {
            if (_closed)
                throw new InvalidOperationException("The ledger transaction is over: use it only inside its work, before the work returns.");
        }

        private static readonly RunningTotals NoTotals = new(TotalsRow.Empty, new Dictionary<string, long>());
    }
}
