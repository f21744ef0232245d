using Microsoft.Extensions.Options;
using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class JobsOptionsTests
{
    [Fact]
    public void DefaultsAreUtcDaysWithAFifteenMinuteGraceAndNoHoldings()
    {
        var options = new JobsOptions();
        Assert.Equal((TimeSpan.FromDays(1), 0.0, TimeSpan.FromMinutes(15), (string?)null), (options.EpochLength, options.EpochOrigin, options.EpochGrace, options.HoldingsPath));
        Assert.True(new JobsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(0, new JobsScheme(options).Holdings.Count);
    }

    [Fact]
    public void EveryBadValueIsReportedWithItsKey()
    {
        var options = new JobsOptions
        {
            EpochLength = TimeSpan.FromMilliseconds(999),
            EpochOrigin = -1,
            EpochGrace = TimeSpan.FromDays(8),
            HoldingsPath = " ",
        };
        Assert.Equal(
        [
            "Jobs:EpochLength must be at least 1 second (got 00:00:00.9990000).",
            "Jobs:EpochOrigin must be unix seconds between 0 and 100000000000 (got -1).",
            "Jobs:EpochGrace must be between 0 and 7.00:00:00 (got 8.00:00:00).",
            "Jobs:HoldingsPath must be a file path or absent (it is blank).",
        ], new JobsOptionsValidator().Validate(null, options).Failures);
        Assert.Contains("Jobs:EpochGrace", Assert.Throws<OptionsValidationException>(() => new JobsScheme(options)).Message, StringComparison.Ordinal);
        Assert.Contains("Jobs:EpochGrace must be between 0 and 7.00:00:00 (got -00:00:01).",
            new JobsOptionsValidator().Validate(null, new JobsOptions { EpochGrace = TimeSpan.FromSeconds(-1) }).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHoldingsFileIsReadAtConstructionAndABadLineRefusesIt()
    {
        string path = Path.Combine(Path.GetTempPath(), "scoring-holdings-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            File.WriteAllText(path, "{\"epoch\":3,\"wallet\":\"0xabc\",\"nfts\":2,\"stake\":1500}\n");
            var holdings = new JobsScheme(new JobsOptions { HoldingsPath = path }).Holdings.Get(3, "0xabc");
            Assert.Equal((2L, 1500.0), (holdings.Nfts, holdings.Stake));
            // An explicitly given snapshot wins over the file.
            Assert.Equal(0, new JobsScheme(new JobsOptions { HoldingsPath = path }, WalletSnapshot.Empty).Holdings.Count);

            File.WriteAllText(path, "{\"epoch\":3,\"wallet\":\"0xabc\",\"nft\":2}\n");
            var error = Assert.Throws<InvalidDataException>(() => new JobsScheme(new JobsOptions { HoldingsPath = path }));
            Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
