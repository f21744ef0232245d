namespace Scoring.Ledger;

/// <summary>
/// What a batch (or a window) adds to one total. Sums are kept in 128 bits and range-checked once, when the
/// delta is added to a stored total: so whether a batch overflows depends only on the batch's content and
/// the stored totals, never on the order of the reports inside the batch.
/// </summary>
internal sealed class TotalsDelta
{
    private Int128 _total;
    private Int128 _compute;
    private Int128 _presence;
    private Int128 _jobs;
    private Int128 _boosts;
    private Int128 _adjustments;
    private Int128 _activeSeconds;
    private long _entryCount;
    private long _firstSeen = TotalsRow.NoFirstSeen;
    private long _lastSeen = TotalsRow.NoLastSeen;

    public void Add(EntryKind kind, long amountUnits, long activeSeconds, long reportTicks)
    {
        _total += amountUnits;
        switch (kind)
        {
            case EntryKind.Compute: _compute += amountUnits; break;
            case EntryKind.Presence: _presence += amountUnits; break;
            case EntryKind.Job: _jobs += amountUnits; break;
            case EntryKind.Boost: _boosts += amountUnits; break;
            default: _adjustments += amountUnits; break;
        }
        _activeSeconds += activeSeconds;
        _entryCount++;
        if (EntryKinds.IsActivity(kind))
        {
            _firstSeen = Math.Min(_firstSeen, reportTicks);
            _lastSeen = Math.Max(_lastSeen, reportTicks);
        }
    }

    /// <summary>
    /// Adds this delta to <paramref name="row"/>. Returns false, naming the part that would leave the
    /// 64-bit range in <paramref name="overflowingPart"/>, when any sum overflows.
    /// </summary>
    public bool TryAddTo(in TotalsRow row, out TotalsRow result, out string? overflowingPart)
    {
        result = row;
        overflowingPart =
            !TryAdd(row.Total, _total, out result.Total) ? "total" :
            !TryAdd(row.Compute, _compute, out result.Compute) ? "compute" :
            !TryAdd(row.Presence, _presence, out result.Presence) ? "presence" :
            !TryAdd(row.Jobs, _jobs, out result.Jobs) ? "jobs" :
            !TryAdd(row.Boosts, _boosts, out result.Boosts) ? "boosts" :
            !TryAdd(row.Adjustments, _adjustments, out result.Adjustments) ? "slashes/adjustments" :
            !TryAdd(row.ActiveSeconds, _activeSeconds, out result.ActiveSeconds) ? "active seconds" :
            !TryAdd(row.EntryCount, _entryCount, out result.EntryCount) ? "entry count" :
            null;
        result.FirstSeen = Math.Min(row.FirstSeen, _firstSeen);
        result.LastSeen = Math.Max(row.LastSeen, _lastSeen);
        return overflowingPart is null;
    }

    /// <summary>
    /// This delta as one or more 64-bit steps, for a store that adds in SQL with a 64-bit overflow check. A part
    /// beyond 64 bits (possible only inside one batch) is split into pieces of its own sign: every intermediate
    /// sum then lies between the stored total and the final one, so a step overflows exactly when the final sum
    /// does, whatever the stored value. The first step carries the entry count and the seen times.
    /// </summary>
    public IEnumerable<TotalsRow> Steps()
    {
        Int128 total = _total, compute = _compute, presence = _presence, jobs = _jobs, boosts = _boosts,
            adjustments = _adjustments, activeSeconds = _activeSeconds;
        bool first = true;
        do
        {
            yield return new TotalsRow
            {
                Total = Take(ref total),
                Compute = Take(ref compute),
                Presence = Take(ref presence),
                Jobs = Take(ref jobs),
                Boosts = Take(ref boosts),
                Adjustments = Take(ref adjustments),
                ActiveSeconds = Take(ref activeSeconds),
                EntryCount = first ? _entryCount : 0,
                FirstSeen = first ? _firstSeen : TotalsRow.NoFirstSeen,
                LastSeen = first ? _lastSeen : TotalsRow.NoLastSeen,
            };
            first = false;
        }
        while (total != 0 || compute != 0 || presence != 0 || jobs != 0 || boosts != 0 || adjustments != 0 || activeSeconds != 0);
    }

    private static long Take(ref Int128 rest)
    {
        long piece = (long)Int128.Clamp(rest, long.MinValue, long.MaxValue);
        rest -= piece;
        return piece;
    }

    private static bool TryAdd(long stored, Int128 delta, out long sum)
    {
        Int128 wide = stored + delta;
        bool fits = wide >= long.MinValue && wide <= long.MaxValue;
        sum = fits ? (long)wide : stored;
        return fits;
    }
}
