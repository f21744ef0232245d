namespace Scoring.Rules.Jobs;

/// <summary>
/// Epochs: fixed-length windows of report time, <c>epoch = ⌊(t − origin) / length⌋</c>, computed in whole
/// microseconds so that a report exactly on a boundary belongs to the epoch that starts there.
/// </summary>
public sealed class JobEpochs
{
    private readonly long origin;
    private readonly long length;

    /// <summary>Creates the epoch clock of <paramref name="options"/>.</summary>
    public JobEpochs(JobsOptions options)
    {
        JobsOptionsValidator.ThrowIfInvalid(options);
        origin = Microseconds(options.EpochOrigin);
        length = options.EpochLength.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>The epoch a report time falls in.</summary>
    /// <param name="unixSeconds">The report time, unix seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException">The time is not finite or is before the epoch origin.</exception>
    public long EpochOf(double unixSeconds)
    {
        if (!(unixSeconds >= 0 && unixSeconds <= 1e11) || Microseconds(unixSeconds) < origin)
        {
            throw new ArgumentOutOfRangeException(nameof(unixSeconds), unixSeconds, "A report time must be finite unix seconds, not before the epoch origin.");
        }
        return (Microseconds(unixSeconds) - origin) / length;
    }

    /// <summary>The first instant (unix seconds) of an epoch.</summary>
    public double StartOf(long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return checked(origin + epoch * length) / 1e6;
    }

    private static long Microseconds(double seconds) => (long)Math.Round(seconds * 1e6, MidpointRounding.ToEven);
}
