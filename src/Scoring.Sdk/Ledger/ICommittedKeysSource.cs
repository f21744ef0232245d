namespace Scoring.Ledger;

/// <summary>
/// A store whose committed report keys can be read outside its write transactions, from any thread: the ingestion
/// pipeline looks the keys of decoded reports up on its decoding workers, so a report the ledger holds already (a
/// replayed file, a restart) is counted there and never reaches the writer.
/// </summary>
/// <remarks>
/// Sound because a recorded key is never removed and its content hash never changes: a key found committed is found,
/// with the same hash, by every later transaction, so the verdict is the one the writer would give. A key not found is
/// left to the writer, which classifies it under its write lock.
/// </remarks>
internal interface ICommittedKeysSource
{
    /// <summary>A reader of committed keys for one thread at a time; dispose it when done.</summary>
    ICommittedKeys OpenCommittedKeys();
}
