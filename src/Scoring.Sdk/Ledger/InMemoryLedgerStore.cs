using System.Runtime.CompilerServices;

namespace Scoring.Ledger;

/// <summary>
/// A ledger held in memory: same semantics as the durable store, nothing survives the process.
/// For tests, dry runs and <c>scoring diff</c>. Thread-safe (one lock).
/// </summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<LedgerEntry> _entries = [];
    private readonly HashSet<(string Scheme, string ReportId)> _reports = [];
    private readonly Dictionary<string, TotalsRow> _accounts = new(StringComparer.Ordinal);
    private long _lastReportTicks = long.MinValue;

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
    public InMemoryLedgerStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        BatchValidator.Validate(batch);
        cancellationToken.ThrowIfCancellationRequested();
        long recorded = _time.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            // Stage everything first; only when every total fits is anything made visible.
            var seen = new HashSet<(string, string)>();
            var staged = new List<LedgerEntry>();
            var totals = new BatchTotals();
            int appended = 0, duplicates = 0;
            long lastReport = _lastReportTicks;
            foreach (var report in batch.Reports)
            {
                var key = (report.Scheme, report.ReportId);
                if (_reports.Contains(key) || !seen.Add(key))
                {
                    duplicates++;
                    continue;
                }
                appended++;
                long reportTicks = report.ReportTime.UtcTicks;
                lastReport = Math.Max(lastReport, reportTicks);
                foreach (var posting in report.Postings)
                {
                    staged.Add(new LedgerEntry(
                        _entries.Count + staged.Count + 1, report.Scheme, report.ReportId, posting.Account, posting.Peer,
                        posting.Kind, posting.Amount, posting.ActiveSeconds, LedgerTime.FromTicks(reportTicks),
                        LedgerTime.FromTicks(recorded), report.RuleSetId, report.RuleSetHash, posting.Reason, posting.Operator));
                    totals.Add(posting, reportTicks);
                }
            }

            var newAccounts = new List<(string, TotalsRow)>(totals.Accounts.Count);
            foreach (var (account, delta) in totals.Accounts)
            {
                var row = _accounts.TryGetValue(account, out var existing) ? existing : TotalsRow.Empty;
                if (!delta.TryAddTo(row, out var sum, out var part))
                    throw BatchTotals.Overflow(account, part!);
                newAccounts.Add((account, sum));
            }
            cancellationToken.ThrowIfCancellationRequested();

            _reports.UnionWith(seen);
            _entries.AddRange(staged);
            foreach (var (account, row) in newAccounts)
                _accounts[account] = row;
            _lastReportTicks = lastReport;
            return Task.FromResult(new AppendResult(appended, duplicates, staged.Count));
        }
    }

    /// <inheritdoc />
    public Task<bool> ContainsReportAsync(string scheme, string reportId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_reports.Contains((scheme, reportId)));
    }

    /// <inheritdoc />
    public Task<AccountTotals?> GetAccountTotalsAsync(string account, LedgerWindow window = default, CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        lock (_gate)
        {
            if (range.IsAll)
                return Task.FromResult(_accounts.TryGetValue(account, out var row) ? row.ToAccountTotals(account) : null);
            var windowed = Aggregate(range, e => e.Account == account);
            return Task.FromResult(windowed.Count == 0 ? null : windowed[0]);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        List<AccountTotals> snapshot;
        lock (_gate)
            snapshot = range.IsAll
                ? _accounts.Select(a => a.Value.ToAccountTotals(a.Key)).ToList()
                : Aggregate(range, _ => true);
        snapshot.Sort((a, b) => CodePointComparer.Instance.Compare(a.Account, b.Account));
        foreach (var totals in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return totals;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PeerTotals> ListPeerTotalsAsync(
        string account, LedgerWindow window = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        var rows = new List<PeerTotals>();
        // Like the SQLite store, peer totals are summed from the account's entries on demand.
        lock (_gate)
        {
            var deltas = new Dictionary<string, TotalsDelta>(StringComparer.Ordinal);
            foreach (var e in _entries)
            {
                if (e.Account != account || !range.Contains(e.ReportTime.UtcTicks)) continue;
                if (!deltas.TryGetValue(e.Peer, out var delta))
                    deltas[e.Peer] = delta = new TotalsDelta();
                delta.Add(e.Kind, e.Amount.Units, e.ActiveSeconds, e.ReportTime.UtcTicks);
            }
            foreach (var (peer, delta) in deltas)
                rows.Add(ToRow(delta, account, peer).ToPeerTotals(account, peer));
        }
        rows.Sort((a, b) => CodePointComparer.Instance.Compare(a.Peer, b.Peer));
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Leaderboard> GetLeaderboardAsync(LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var ranked = Ranked(query, out var asOf);
        var rows = ranked
            .Skip(query.Offset)
            .Take(query.Top)
            .Select((t, i) => LeaderboardOrder.ToRow(t, (long)query.Offset + i + 1, asOf, query.OnlineTimeout))
            .ToList();
        return Task.FromResult(new Leaderboard(rows, ranked.Count, asOf));
    }

    /// <inheritdoc />
    public Task<LeaderboardRow?> GetRankAsync(string account, LeaderboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var ranked = Ranked(query, out var asOf);
        int index = ranked.FindIndex(t => t.Account == account);
        return Task.FromResult(index < 0 ? null : LeaderboardOrder.ToRow(ranked[index], index + 1, asOf, query.OnlineTimeout));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LedgerEntry> ListEntriesAsync(
        EntryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var range = query.Window.ToTicks();
        List<LedgerEntry> page;
        lock (_gate)
            page = _entries
                .Where(e => e.Sequence > query.AfterSequence
                    && (query.Account is null || e.Account == query.Account)
                    && (query.Scheme is null || e.Scheme == query.Scheme)
                    && (query.ReportId is null || e.ReportId == query.ReportId)
                    && range.Contains(e.ReportTime.UtcTicks))
                .Take(query.Limit)
                .ToList();
        foreach (var entry in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<LedgerSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new LedgerSummary(
                _reports.Count, _entries.Count, _accounts.Count,
                _lastReportTicks == long.MinValue ? null : LedgerTime.FromTicks(_lastReportTicks)));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private List<AccountTotals> Ranked(LeaderboardQuery query, out DateTimeOffset asOf)
    {
        asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        List<AccountTotals> totals;
        lock (_gate)
            totals = query.Scheme is null && range.From == long.MinValue && range.To > _lastReportTicks
                ? _accounts.Select(a => a.Value.ToAccountTotals(a.Key)).ToList()
                : Aggregate(range, e => query.Scheme is null || e.Scheme == query.Scheme);
        totals.Sort(LeaderboardOrder.Instance);
        return totals;
    }

    // Caller holds the lock.
    private List<AccountTotals> Aggregate(TickRange range, Func<LedgerEntry, bool> filter)
    {
        var deltas = new Dictionary<string, TotalsDelta>(StringComparer.Ordinal);
        foreach (var e in _entries)
        {
            if (!range.Contains(e.ReportTime.UtcTicks) || !filter(e)) continue;
            if (!deltas.TryGetValue(e.Account, out var delta))
                deltas[e.Account] = delta = new TotalsDelta();
            delta.Add(e.Kind, e.Amount.Units, e.ActiveSeconds, e.ReportTime.UtcTicks);
        }
        return deltas.Select(d => ToRow(d.Value, d.Key, null).ToAccountTotals(d.Key)).ToList();
    }

    private static TotalsRow ToRow(TotalsDelta delta, string account, string? peer)
    {
        if (!delta.TryAddTo(TotalsRow.Empty, out var row, out var part))
            throw new LedgerOverflowException(
                $"The {part} of account '{account}'{(peer is null ? "" : $", peer '{peer}'")} exceeds the 64-bit range over the requested window.");
        return row;
    }
}
