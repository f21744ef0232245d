using System.Runtime.CompilerServices;

namespace Scoring.Ledger;

/// <summary>
/// A ledger held in memory: same semantics as the durable stores, nothing survives the process.
/// For tests, dry runs and <c>scoring diff</c>. Thread-safe.
/// </summary>
/// <remarks>
/// One write transaction at a time (a semaphore): a transaction builds its entries, keys, totals and state privately
/// and publishes them under the read lock when its work returns, so readers only ever see committed data and a work
/// that throws leaves nothing behind.
/// </remarks>
public sealed partial class InMemoryLedgerStore : ILedgerStore
{
    /// <summary>How many times a work is run again after a transient failure (in memory, only an injected one).</summary>
    private const int Retries = 5;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly TimeProvider _time;
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<(string Scheme, string Producer, string ReportId), long?> _reports = [];
    private readonly Dictionary<(string Scheme, string Account), RunningTotals> _totals = [];
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _state = new(StringComparer.Ordinal);
    private long _lastReportTicks = long.MinValue;

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="timeProvider">The clock for recorded times and "now"; the system clock by default.</param>
    public InMemoryLedgerStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteCoreAsync((transaction, token) => work(transaction, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        var keys = LedgerAppend.Prepare(batch);
        return WriteCoreAsync((transaction, token) => LedgerAppend.RunAsync(transaction, batch, keys, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ContainsReportAsync(string scheme, string producer, string reportId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_reports.ContainsKey((scheme, producer, reportId)));
    }

    /// <inheritdoc />
    public Task<AccountTotals?> GetAccountTotalsAsync(
        string account, LedgerWindow window = default, string? scheme = null, CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        lock (_gate)
        {
            var totals = range.IsAll
                ? Running(scheme, account)
                : Aggregate(range, e => e.Account == account && (scheme is null || e.Scheme == scheme));
            return Task.FromResult(totals.Count == 0 ? null : totals[0]);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AccountTotals> ListAccountTotalsAsync(
        LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        List<AccountTotals> snapshot;
        lock (_gate)
            snapshot = range.IsAll ? Running(scheme, null) : Aggregate(range, e => scheme is null || e.Scheme == scheme);
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
        string account, LedgerWindow window = default, string? scheme = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var range = window.ToTicks();
        var rows = new List<PeerTotals>();
        // Like the SQL stores, peer totals are summed from the account's entries on demand.
        lock (_gate)
        {
            var deltas = new Dictionary<string, TotalsDelta>(StringComparer.Ordinal);
            foreach (var e in _entries)
            {
                if (e.Account != account || !range.Contains(e.ReportTime.UtcTicks) || (scheme is not null && e.Scheme != scheme)) continue;
                if (!deltas.TryGetValue(e.Peer, out var delta))
                    deltas[e.Peer] = delta = new TotalsDelta();
                delta.Add(e.Kind, e.Amount.Units, e.ActiveSeconds, e.ReportTime.UtcTicks);
            }
            foreach (var (peer, delta) in deltas)
            {
                var (row, parts) = delta.ToTotals(part => BatchTotals.ReadOverflow(part, account, peer, "over the requested window"));
                rows.Add(row.ToPeerTotals(account, peer, parts));
            }
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
                _reports.Count, _entries.Count, _totals.Keys.Select(k => k.Account).Distinct(StringComparer.Ordinal).Count(),
                _lastReportTicks == long.MinValue ? null : LedgerTime.FromTicks(_lastReportTicks)));
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateAsync(string scheme, string prefix = "", CancellationToken cancellationToken = default)
    {
        // Checked when called, not when first enumerated.
        LedgerState.CheckScheme(scheme, nameof(scheme));
        LedgerState.CheckPrefix(prefix, nameof(prefix));
        return ReadStateCoreAsync(scheme, prefix, cancellationToken);
    }

    private async IAsyncEnumerable<KeyValuePair<string, byte[]>> ReadStateCoreAsync(
        string scheme, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, byte[]>> snapshot;
        lock (_gate)
            snapshot = _state.TryGetValue(scheme, out var keys)
                ? keys.Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(k => KeyValuePair.Create(k.Key, (byte[])k.Value.Clone())).ToList()
                : [];
        foreach (var pair in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return pair;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Runs the work in a private transaction while holding the writer semaphore, and publishes its changes when it
    /// returns. A <see cref="TransientLedgerException"/> (the in-memory store has no storage conflicts of its own) runs
    /// the work again on a fresh transaction, like the durable stores' retries.
    /// </summary>
    private async Task<T> WriteCoreAsync<T>(Func<Transaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var transaction = new Transaction(this, _time.GetUtcNow());
                try
                {
                    T result = await work(transaction, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    transaction.Commit();
                    return result;
                }
                finally
                {
                    transaction.Close();
                }
            }
            catch (TransientLedgerException) when (attempt < Retries && !cancellationToken.IsCancellationRequested)
            {
                // Run again below, after the semaphore is released.
            }
            finally
            {
                _writer.Release();
            }
        }
    }

    /// <summary>The running totals of one account (or all accounts when null) for a scheme, or summed over every scheme. Caller holds the lock.</summary>
    private List<AccountTotals> Running(string? scheme, string? account)
    {
        var sums = new Dictionary<string, TotalsDelta>(StringComparer.Ordinal);
        foreach (var ((rowScheme, rowAccount), running) in _totals)
        {
            if ((scheme is not null && rowScheme != scheme) || (account is not null && rowAccount != account)) continue;
            if (!sums.TryGetValue(rowAccount, out var sum))
                sums[rowAccount] = sum = new TotalsDelta();
            sum.Add(running.Row, running.Kinds);
        }
        return sums.Select(s =>
        {
            var (row, parts) = s.Value.ToTotals(part => BatchTotals.ReadOverflow(part, s.Key, null, "summed over every scheme"));
            return row.ToAccountTotals(s.Key, parts);
        }).ToList();
    }

    private List<AccountTotals> Ranked(LeaderboardQuery query, out DateTimeOffset asOf)
    {
        asOf = query.AsOf ?? _time.GetUtcNow();
        var range = query.Window.ToTicks(query.AsOf);
        List<AccountTotals> totals;
        lock (_gate)
            totals = range.From == long.MinValue && range.To > _lastReportTicks
                ? Running(query.Scheme, null)
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
        return deltas.Select(d =>
        {
            var (row, parts) = d.Value.ToTotals(part => BatchTotals.ReadOverflow(part, d.Key, null, "over the requested window"));
            return row.ToAccountTotals(d.Key, parts);
        }).ToList();
    }

    /// <summary>One (scheme, account)'s running totals: the account-level sums and the sum of each kind.</summary>
    private sealed record RunningTotals(TotalsRow Row, IReadOnlyDictionary<string, long> Kinds);
}
