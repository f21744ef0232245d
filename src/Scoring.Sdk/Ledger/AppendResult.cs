namespace Scoring.Ledger;

/// <summary>What one append did.</summary>
/// <param name="Appended">Reports recorded for the first time.</param>
/// <param name="Duplicates">
/// Reports skipped because their key was recorded before (in the ledger or earlier in the batch) with the same content
/// hash, or with a hash that is unknown (keys migrated from schema version 2).
/// </param>
/// <param name="Entries">Entries written (one per posting of each appended report).</param>
/// <param name="Conflicts">Reports skipped because their key was recorded before with a different content hash: the producer re-sent an id with other content.</param>
public readonly record struct AppendResult(int Appended, int Duplicates, int Entries, int Conflicts)
{
    /// <summary>A result without conflicts.</summary>
    /// <param name="appended">Reports recorded for the first time.</param>
    /// <param name="duplicates">Reports skipped as duplicates.</param>
    /// <param name="entries">Entries written.</param>
    public AppendResult(int appended, int duplicates, int entries)
        : this(appended, duplicates, entries, 0)
    {
    }
}
