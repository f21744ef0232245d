namespace Scoring.Ledger;

/// <summary>
/// The row lists a write transaction fills (<see cref="SqliteBatchWriter"/>), kept by the store for the next one with
/// their capacity. A batch's lists are large arrays (10,000 swarm reports: about 700 KB of entry, group and key rows),
/// and every allocation on the large object heap counts toward a full collection: made afresh per batch, they had the
/// GC collect every generation every few batches (1 M reports: about 100 full collections, 1.8 s of pauses).
/// </summary>
internal sealed class SqliteWriteBuffers
{
    public List<KeyRow> Keys { get; } = [];

    public List<EntryRow> Entries { get; } = [];

    public List<GroupRow> Groups { get; } = [];

    /// <summary>Lets go of the rows' reports and postings; keeps the capacity.</summary>
    public void Clear()
    {
        Keys.Clear();
        Entries.Clear();
        Groups.Clear();
    }
}

/// <summary>A report key to insert, with its scheme's and producer's name refs.</summary>
internal readonly record struct KeyRow(ReportKey Key, long SchemeRef, long ProducerRef);

/// <summary>One entry to write: its sequence number, its posting, the peer's and the kind's number.</summary>
internal readonly record struct EntryRow(long Seq, LedgerPosting Posting, long PeerRef, long KindRef);

/// <summary>One group to write: its first sequence number and entry count, and the refs its entries share.</summary>
internal struct GroupRow
{
    public long FirstSeq;
    public int Count;
    public long SchemeRef;
    public long ProducerRef;
    public LedgerReport Report;
    public long AccountRef;
    public long RuleSetRef;
}
