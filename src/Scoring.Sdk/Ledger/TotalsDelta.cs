namespace Scoring.Ledger;

/// <summary>
/// What a batch (or a window, or several schemes) adds to one total and its kind parts. Sums are kept in 128 bits
/// and range-checked once, when the delta is added to a stored total: so whether a batch overflows depends only on
/// the batch's content and the stored totals, never on the order of the reports inside the batch.
/// </summary>
internal sealed class TotalsDelta
{
    /// <summary>The part names overflow messages use for the account-level sums.</summary>
    public const string TotalPart = "total", ActiveSecondsPart = "active seconds", EntryCountPart = "entry count";

    private Int128 _total;
    private Int128 _activeSeconds;
    private Int128 _entryCount;
    private long _firstSeen = TotalsRow.NoFirstSeen;
    private long _lastSeen = TotalsRow.NoLastSeen;

    // Few kinds per account (typically one to three): a list beats a dictionary's hashing.
    private readonly List<(string Kind, Int128 Amount)> _kinds = new(2);

    /// <summary>The account-level sums, unchecked (for a store that adds them in wider arithmetic, e.g. SQL numeric).</summary>
    public (Int128 Total, Int128 ActiveSeconds, Int128 EntryCount, long FirstSeen, long LastSeen) Sums =>
        (_total, _activeSeconds, _entryCount, _firstSeen, _lastSeen);

    /// <summary>The kind parts of the delta, in the order first seen.</summary>
    public IReadOnlyList<(string Kind, Int128 Amount)> Kinds => _kinds;

    /// <summary>The name of a kind's part in overflow messages, e.g. "the compute part".</summary>
    public static string KindPart(string kind) => $"{kind} part";

    public void Add(string kind, long amountUnits, long activeSeconds, long reportTicks)
    {
        _total += amountUnits;
        AddKind(kind, amountUnits);
        _activeSeconds += activeSeconds;
        _entryCount++;
        if (!PostingKinds.IsManual(kind))
        {
            _firstSeen = Math.Min(_firstSeen, reportTicks);
            _lastSeen = Math.Max(_lastSeen, reportTicks);
        }
    }

    /// <summary>Adds a stored total (e.g. another scheme's) to this delta, for sums over several schemes.</summary>
    public void Add(in TotalsRow row, IEnumerable<KeyValuePair<string, long>> kinds)
    {
        _total += row.Total;
        _activeSeconds += row.ActiveSeconds;
        _entryCount += row.EntryCount;
        _firstSeen = Math.Min(_firstSeen, row.FirstSeen);
        _lastSeen = Math.Max(_lastSeen, row.LastSeen);
        foreach (var (kind, amount) in kinds)
            AddKind(kind, amount);
    }

    /// <summary>
    /// Adds this delta to <paramref name="row"/> and its <paramref name="kinds"/>. Returns false, naming the part that
    /// would leave the 64-bit range in <paramref name="overflowingPart"/>, when any sum overflows. Parts are checked in
    /// the order total, active seconds, entry count, then kinds by name — the order of the SQL stores' columns.
    /// </summary>
    public bool TryAddTo(in TotalsRow row, IReadOnlyDictionary<string, long> kinds,
        out TotalsRow result, out Dictionary<string, long> resultKinds, out string? overflowingPart)
    {
        result = row;
        resultKinds = new Dictionary<string, long>(kinds, StringComparer.Ordinal);
        overflowingPart =
            !TryAdd(row.Total, _total, out result.Total) ? TotalPart :
            !TryAdd(row.ActiveSeconds, _activeSeconds, out result.ActiveSeconds) ? ActiveSecondsPart :
            !TryAdd(row.EntryCount, _entryCount, out result.EntryCount) ? EntryCountPart :
            null;
        foreach (var (kind, amount) in _kinds.OrderBy(k => k.Kind, StringComparer.Ordinal))
        {
            if (overflowingPart is not null)
                break;
            if (TryAdd(kinds.GetValueOrDefault(kind), amount, out long sum))
                resultKinds[kind] = sum;
            else
                overflowingPart = KindPart(kind);
        }
        result.FirstSeen = Math.Min(row.FirstSeen, _firstSeen);
        result.LastSeen = Math.Max(row.LastSeen, _lastSeen);
        return overflowingPart is null;
    }

    /// <summary>This delta as a total of its own (a window's or a sum's), or the exception naming what does not fit.</summary>
    public (TotalsRow Row, ScoreParts Parts) ToTotals(Func<string, LedgerOverflowException> overflow)
    {
        if (!TryAddTo(TotalsRow.Empty, EmptyKinds, out var row, out var kinds, out var part))
            throw overflow(part!);
        return (row, ScoreParts.FromUnits(kinds));
    }

    /// <summary>
    /// The account-level sums as one or more 64-bit steps, for a store that adds in SQL with a 64-bit overflow check.
    /// A sum beyond 64 bits (possible only inside one batch) is split into pieces of its own sign: every intermediate
    /// sum then lies between the stored total and the final one, so a step overflows exactly when the final sum does,
    /// whatever the stored value. The first step carries the seen times.
    /// </summary>
    public IEnumerable<TotalsRow> Steps()
    {
        Int128 total = _total, activeSeconds = _activeSeconds, entryCount = _entryCount;
        bool first = true;
        do
        {
            yield return new TotalsRow
            {
                Total = Take(ref total),
                ActiveSeconds = Take(ref activeSeconds),
                EntryCount = Take(ref entryCount),
                FirstSeen = first ? _firstSeen : TotalsRow.NoFirstSeen,
                LastSeen = first ? _lastSeen : TotalsRow.NoLastSeen,
            };
            first = false;
        }
        while (total != 0 || activeSeconds != 0 || entryCount != 0);
    }

    /// <summary>A kind's amount as 64-bit steps of its own sign (see <see cref="Steps()"/>); at least one step.</summary>
    public static IEnumerable<long> Steps(Int128 amount)
    {
        do
            yield return Take(ref amount);
        while (amount != 0);
    }

    private static readonly IReadOnlyDictionary<string, long> EmptyKinds = new Dictionary<string, long>();

    private void AddKind(string kind, Int128 amount)
    {
        for (int i = 0; i < _kinds.Count; i++)
        {
            if (string.Equals(_kinds[i].Kind, kind, StringComparison.Ordinal))
            {
                _kinds[i] = (kind, _kinds[i].Amount + amount);
                return;
            }
        }
        _kinds.Add((kind, amount));
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
