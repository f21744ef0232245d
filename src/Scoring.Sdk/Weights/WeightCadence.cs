namespace Scoring.Weights;

/// <summary>
/// When a validator may set weights again: only once more than <see cref="RateLimit"/> blocks have passed since its
/// last update (the reference checks <c>current_block - last_updated_block &gt; weights_rate_limit</c>).
/// </summary>
public sealed class WeightCadence
{
    /// <summary>The reference subnet's <c>weights_rate_limit</c>.</summary>
    public const long DefaultRateLimit = 100;

    /// <summary>Creates a cadence with the given rate limit in blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rateLimit"/> is negative.</exception>
    public WeightCadence(long rateLimit = DefaultRateLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rateLimit);
        RateLimit = rateLimit;
    }

    /// <summary>The number of blocks that must be exceeded between two weight updates.</summary>
    public long RateLimit { get; }

    /// <summary>Answers "is it time to set weights?" at <paramref name="currentBlock"/>.</summary>
    /// <param name="currentBlock">The chain's current block number.</param>
    /// <param name="lastUpdateBlock">The block of the last weight update; null when weights were never set.</param>
    /// <exception cref="ArgumentOutOfRangeException">A block number is negative.</exception>
    public CadenceDecision Check(long currentBlock, long? lastUpdateBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentBlock);
        if (lastUpdateBlock is not long last)
        {
            return new CadenceDecision(true, currentBlock, "Weights were never set: set them now.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(last, nameof(lastUpdateBlock));
        if (currentBlock < last)
        {
            return new CadenceDecision(false, last + RateLimit + 1,
                $"The current block {currentBlock} is before the last update at block {last}: wait until the chain is past it.");
        }
        long since = currentBlock - last;
        long next = last + RateLimit + 1;
        return since > RateLimit
            ? new CadenceDecision(true, currentBlock,
                $"{since} blocks since the last update at block {last}, more than the rate limit of {RateLimit}: set weights now.")
            : new CadenceDecision(false, next,
                $"{since} blocks since the last update at block {last}, not more than the rate limit of {RateLimit}: wait {next - currentBlock} more block(s), until block {next}.");
    }
}
