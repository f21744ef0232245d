using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary><see cref="ScoreParts"/>: an immutable kind → points map, ordered by kind, compared by value.</summary>
public sealed class ScorePartsTests
{
    [Fact]
    public void Parts_are_ordered_by_kind_and_an_absent_kind_reads_as_zero()
    {
        var parts = Parts(("presence", 5), ("compute", 10), ("slash", -2), ("Boost", 1));

        Assert.Equal(["Boost", "compute", "presence", "slash"], parts.Keys);
        Assert.Equal([1L, 10L, 5L, -2L], parts.Values.Select(p => p.Units));
        Assert.Equal(4, parts.Count);
        Assert.Equal(Points.FromUnits(10), parts.Of("compute"));
        Assert.Equal(Points.FromUnits(10), parts["compute"]);
        Assert.Equal(Points.Zero, parts.Of("job"));
        Assert.False(parts.ContainsKey("job"));
        Assert.Throws<KeyNotFoundException>(() => parts["job"]);
        Assert.True(parts.TryGetValue("slash", out var slash) && slash == Points.FromUnits(-2));
        Assert.Equal("Boost=0.000001, compute=0.00001, presence=0.000005, slash=-0.000002", parts.ToString());
    }

    [Fact]
    public void Parts_compare_by_value_and_a_zero_part_is_not_an_absent_one()
    {
        Assert.Equal(Parts(("a", 1), ("b", 2)), Parts(("b", 2), ("a", 1)));
        Assert.Equal(Parts(("a", 1), ("b", 2)).GetHashCode(), Parts(("b", 2), ("a", 1)).GetHashCode());
        Assert.True(Parts(("a", 1)) == Parts(("a", 1)));
        Assert.NotEqual(Parts(("a", 1)), Parts(("a", 2)));
        Assert.NotEqual(Parts(("a", 0)), ScoreParts.Empty);
        Assert.True(Parts(("a", 0)) != ScoreParts.Empty);
        Assert.Equal(ScoreParts.Empty, Parts());
        Assert.Empty(ScoreParts.Empty);
        // Records holding parts compare by value too.
        var totals = new AccountTotals("alice", Points.FromUnits(3), Parts(("a", 1), ("b", 2)), 0, null, null, 2);
        Assert.Equal(totals, totals with { Parts = Parts(("b", 2), ("a", 1)) });
    }

    [Fact]
    public void A_kind_may_occur_only_once()
    {
        var error = Assert.Throws<ArgumentException>(() => Parts(("a", 1), ("a", 2)));
        Assert.Contains("'a'", error.Message);
        Assert.Throws<ArgumentException>(() => new ScoreParts([KeyValuePair.Create<string, Points>(null!, Points.Zero)]));
    }
}
