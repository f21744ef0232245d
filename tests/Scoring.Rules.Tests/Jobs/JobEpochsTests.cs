using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class JobEpochsTests
{
    [Fact]
    public void EpochsAreUtcDaysByDefaultAndABoundaryStartsTheNextEpoch()
    {
        var epochs = new JobEpochs(new JobsOptions());
        Assert.Equal(0, epochs.EpochOf(0));
        Assert.Equal(0, epochs.EpochOf(86_399.999999));
        Assert.Equal(1, epochs.EpochOf(86_400));
        Assert.Equal(20_409, epochs.EpochOf(1_763_337_600)); // 2025-11-17T00:00:00Z
        Assert.Equal(1_763_337_600, epochs.StartOf(20_409));
    }

    [Fact]
    public void AnOriginAndLengthShiftTheWindows()
    {
        var epochs = new JobEpochs(new JobsOptions { EpochOrigin = 1000, EpochLength = TimeSpan.FromHours(1) });
        Assert.Equal(0, epochs.EpochOf(1000));
        Assert.Equal(2, epochs.EpochOf(1000 + 7200.5));
        Assert.Equal(4600, epochs.StartOf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => epochs.EpochOf(999));
        Assert.Throws<ArgumentOutOfRangeException>(() => epochs.EpochOf(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => epochs.StartOf(-1));
    }
}
