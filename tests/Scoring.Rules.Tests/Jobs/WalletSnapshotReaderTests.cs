using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class WalletSnapshotReaderTests
{
    [Fact]
    public void GoodLinesAreReadAndEachBadLineIsReportedWithItsNumberAndField()
    {
        const string file = """
            {"epoch":12,"wallet":"0xabc","nfts":2,"stake":1500.0}
            {"epoch":12,"wallet":"0xdef"}

            {"epoch":12,"wallet":"0xabc","nfts":3}
            {"epoch":12,"wallet":"0x1","nft":1}
            {"epoch":-1,"wallet":"0x2"}
            {"epoch":12,"wallet":"0x3","nfts":1.5}
            {"epoch":12,"wallet":"0x4","stake":"lots"}
            {"epoch":12,"wallet":""}
            {"wallet":"0x5"}
            {"epoch":12}
            {"epoch":12,"wallet":"0x6"
            [1,2]
            {"epoch":12,"wallet":"0x7","wallet":"0x8"}
            {"epoch":13,"wallet":"0xabc","nfts":1,"stake":0}
            """;
        var (snapshot, errors) = WalletSnapshotReader.Read(new StringReader(file));

        Assert.Equal(3, snapshot.Count);
        Assert.Equal(new WalletHoldings(12, "0xabc", 2, 1500), snapshot.Get(12, "0xabc"));
        Assert.Equal(new WalletHoldings(12, "0xdef", 0, 0), snapshot.Get(12, "0xdef"));
        Assert.Equal(new WalletHoldings(13, "0xabc", 1, 0), snapshot.Get(13, "0xabc"));
        Assert.Equal(new WalletHoldings(14, "0xabc", 0, 0), snapshot.Get(14, "0xabc"));
        Assert.Equal(
        [
            "line 4: wallet '0xabc' is already listed for epoch 12 on line 1",
            "line 5: unknown field 'nft' (expected epoch, wallet, nfts, stake)",
            "line 6: field 'epoch' must be a whole number of at least 0 (got -1)",
            "line 7: field 'nfts' must be a whole number of at least 0 (got 1.5)",
            "line 8: field 'stake' must be a number of at least 0 (got \"lots\")",
            "line 9: field 'wallet' must be a non-empty string (got \"\")",
            "line 10: field 'epoch' is missing",
            "line 11: field 'wallet' is missing",
            "line 13: expected a JSON object, got array",
            "line 14: field 'wallet' is given twice",
        ], errors.Where(e => e.Line != 12).Select(e => e.ToString()));
        Assert.StartsWith("line 12: not a JSON object (", errors.Single(e => e.Line == 12).ToString());
    }

    [Fact]
    public void ASnapshotBuiltInCodeRefusesDuplicatesAndNegatives()
    {
        Assert.Throws<ArgumentException>(() => new WalletSnapshot([new WalletHoldings(1, "w", 1, 0), new WalletHoldings(1, "w", 2, 0)]));
        Assert.Throws<ArgumentException>(() => new WalletSnapshot([new WalletHoldings(1, "w", -1, 0)]));
        Assert.Throws<ArgumentException>(() => new WalletSnapshot([new WalletHoldings(1, "w", 1, double.NaN)]));
    }
}
