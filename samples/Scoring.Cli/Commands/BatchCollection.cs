using Scoring.Ingestion;

namespace Scoring.Cli.Commands;

/// <summary>
/// Collects the young generations after a committed batch, then passes the progress on. A batch's reports, keys and
/// entries live from decoding to commit: long enough to survive the youngest generation, and dead right after. Left to
/// itself the GC let generation 1 fill with them between its own collections (up to 270 MB with batches of 50,000), so
/// the process's peak grew with the batch size. Collected at the one moment when nearly all of it is garbage, a
/// collection costs little (it copies what survives), and 1 M new swarm reports in batches of 50,000 peaked at
/// 381–394 MB instead of 550–624 MB, in the same time (bench/README.md, "sixth pass"). The CLI does nothing else
/// meanwhile; a host serving requests would pause them, so this is the CLI's policy, not the SDK's.
/// </summary>
/// <param name="inner">Where the progress goes next (the progress view).</param>
internal sealed class BatchCollection(IProgress<IngestionProgress> inner) : IProgress<IngestionProgress>
{
    /// <summary>
    /// Bytes allocated since the last collection that make the next batch's end collect: a batch of 50,000 swarm
    /// reports allocates about 60 MB, so each is collected; small batches are collected every few, not each (2,000
    /// batches of 10 reports, each collected, took 0.7 s more).
    /// </summary>
    public const long AllocatedBetween = 32L << 20;

    private long _allocatedAtLast = GC.GetTotalAllocatedBytes();

    /// <inheritdoc />
    public void Report(IngestionProgress value)
    {
        long allocated = GC.GetTotalAllocatedBytes();
        if (allocated - _allocatedAtLast >= AllocatedBetween)
        {
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            _allocatedAtLast = allocated;
        }
        inner.Report(value);
    }
}
