namespace Scoring.Ledger;

/// <summary>Reads the report keys a store has committed (<see cref="ICommittedKeysSource"/>); one thread at a time.</summary>
internal interface ICommittedKeys : IDisposable
{
    /// <summary>
    /// For each key, whether the ledger's committed state holds it, and its stored hash. Keys whose names the ledger
    /// has never seen are absent.
    /// </summary>
    StoredKey[] Lookup(IReadOnlyList<ReportKey> keys);
}
