using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class SlashRequestTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnAmountSlashRecordsThatAmountNegative()
    {
        var request = new SlashRequest("0xabc", "waifu", Points.FromWhole(250), null, "tampered latency metrics", "ops@alice", At);
        var entry = request.ToEntry();
        Assert.Equal(Points.FromWhole(-250), entry.Amount);
        Assert.Equal(("0xabc", "waifu", (long?)null, "tampered latency metrics", "ops@alice", At), (entry.Account, entry.Currency, entry.Epoch, entry.Reason, entry.Operator, entry.At));
        Assert.Matches("^slash:[0-9a-f]{32}$", entry.Key);
        Assert.Equal(entry.Key, request.ToEntry().Key); // the same decision has the same key: idempotent
        Assert.NotEqual(entry.Key, (request with { Reason = "another" }).ToEntry().Key);
    }

    [Fact]
    public void AWholeEpochSlashTakesEverythingEarnedInIt()
    {
        var request = new SlashRequest("0xabc", "llama", null, 12, "low-quality results", "ops@alice", At);
        Assert.Equal(Points.Parse("-1234.5"), request.ToEntry(Points.Parse("1234.5")).Amount);
        var nothing = Assert.Throws<ArgumentException>(() => request.ToEntry(Points.Zero));
        Assert.Equal("Invalid slash: account '0xabc' earned nothing in llama epoch 12 (got 0): there is nothing to slash.", nothing.Message);
    }

    [Fact]
    public void EveryProblemIsListed()
    {
        var request = new SlashRequest(" ", "", Points.FromWhole(-5), 3, "", " ", At);
        Assert.Equal(
        [
            "account is required",
            "currency is required",
            "give exactly one of amount and epoch",
            "amount must be positive (got -5)",
            "reason is required",
            "operator is required",
        ], request.Validate());
        Assert.Equal(["give exactly one of amount and epoch"], (request with { Account = "a", Currency = "c", Amount = null, Epoch = null, Reason = "r", Operator = "o" }).Validate());
        Assert.Equal(["epoch must not be negative (got -1)"], new SlashRequest("a", "c", null, -1, "r", "o", At).Validate());
        Assert.StartsWith("Invalid slash: account is required; currency is required;", Assert.Throws<ArgumentException>(() => request.ToEntry()).Message);
    }
}
