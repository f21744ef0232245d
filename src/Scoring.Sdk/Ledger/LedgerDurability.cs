namespace Scoring.Ledger;

/// <summary>How hard the SQLite ledger works to keep a commit across a crash (its <c>synchronous</c> setting in WAL mode).</summary>
public enum LedgerDurability
{
    /// <summary>
    /// <c>synchronous=NORMAL</c> (the default): a committed batch survives the process being killed at any
    /// moment; an operating-system crash or power loss may roll back the last few commits, but never corrupts
    /// the file or splits a batch. Re-ingesting the input restores them (appends are idempotent).
    /// </summary>
    Normal = 0,

    /// <summary>
    /// <c>synchronous=FULL</c>: every commit is also flushed to the disk before <c>AppendAsync</c> returns, so it
    /// survives power loss too; costs one fsync per batch.
    /// </summary>
    Full = 1,
}
