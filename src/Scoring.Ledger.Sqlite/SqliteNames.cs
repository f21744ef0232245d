namespace Scoring.Ledger;

/// <summary>
/// The <c>names</c> table as one write transaction sees it: the ref of a scheme, producer, account or peer name, from
/// the store's committed cache, this transaction's own lookups, or the table — where <see cref="Intern"/> adds a name
/// on first use. What the transaction learned is published to the cache only after it commits.
/// </summary>
internal sealed class SqliteNames(SqliteStatements statements, CommittedRefs committed)
{
    private readonly Dictionary<string, long> _learned = new(StringComparer.Ordinal);
    private readonly List<string> _added = [];

    /// <summary>The pairs this transaction looked up or added, to publish once it has committed.</summary>
    public IReadOnlyCollection<KeyValuePair<string, long>> Learned => _learned;

    /// <summary>The ref of a name the table holds; false when it holds none (then no row can mention the name).</summary>
    public bool TryFind(string name, out long nameRef)
    {
        if (committed.TryGet(name, out nameRef) || _learned.TryGetValue(name, out nameRef))
            return true;
        var find = statements.Get("SELECT ref FROM names WHERE name = ?1;");
        find.Bind(1, name);
        if (!find.Read())
            return false;
        nameRef = find.GetInt64(0);
        find.Reset();
        _learned[name] = nameRef;
        return true;
    }

    /// <summary>The ref of a name, adding it to the table when it is new.</summary>
    public long Intern(string name)
    {
        if (TryFind(name, out long nameRef))
            return nameRef;
        var add = statements.Get("INSERT INTO names(name) VALUES (?1);");
        add.Bind(1, name);
        add.Execute();
        nameRef = add.LastInsertRowId;
        _learned[name] = nameRef;
        _added.Add(name);
        return nameRef;
    }

    /// <summary>How many names this transaction has added so far: a savepoint's mark for <see cref="RollBackTo"/>.</summary>
    public int Mark => _added.Count;

    /// <summary>Forgets the names added since <paramref name="mark"/>: a savepoint rolled them back, their refs no longer exist.</summary>
    public void RollBackTo(int mark)
    {
        for (int i = mark; i < _added.Count; i++)
            _learned.Remove(_added[i]);
        _added.RemoveRange(mark, _added.Count - mark);
    }

}
