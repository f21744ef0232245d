namespace Scoring.Ledger.Postgres;

/// <summary>
/// Kind and rule-set refs a write transaction read or created, held back until it commits: a ref created by a
/// transaction that rolls back names no row, so the store's caches (<see cref="CommittedRefs"/>) take them only after the
/// commit. A failed call's refs are dropped with it (it may have created them inside its savepoint).
/// </summary>
internal sealed class PostgresRefsToCache
{
    /// <summary>Kind name → ref.</summary>
    public List<KeyValuePair<string, long>> Kinds { get; } = [];

    /// <summary>Rule set (<see cref="PostgresBatchMerge.RuleSetCacheKey"/>) → ref.</summary>
    public List<KeyValuePair<string, long>> RuleSets { get; } = [];

    /// <summary>Takes over the refs of a call that succeeded.</summary>
    public void AddRange(PostgresRefsToCache call)
    {
        Kinds.AddRange(call.Kinds);
        RuleSets.AddRange(call.RuleSets);
    }

    /// <summary>Adds the refs to the store's caches (after the commit).</summary>
    public void CacheIn(CommittedRefs kinds, CommittedRefs ruleSets)
    {
        if (Kinds.Count > 0)
            kinds.Add(Kinds);
        if (RuleSets.Count > 0)
            ruleSets.Add(RuleSets);
    }
}
