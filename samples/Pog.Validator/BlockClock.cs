namespace Pog.Validator;

/// <summary>A simulated chain: block 0 at the start, one block per <c>blockTime</c> of the given clock.</summary>
public sealed class BlockClock(TimeProvider time, TimeSpan blockTime)
{
    private readonly DateTimeOffset _genesis = time.GetUtcNow();

    /// <summary>The time between blocks.</summary>
    public TimeSpan BlockTime => blockTime;

    /// <summary>The current block number.</summary>
    public long CurrentBlock => (time.GetUtcNow() - _genesis).Ticks / blockTime.Ticks;
}
