using System.Text.Json;

namespace Scoring.Sdk.Tests.Amounts;


public class PointsTests
{
    [Theory]
    [InlineData(0.0, 0L)]
    [InlineData(1.0, 1_000_000L)]
    [InlineData(0.0825, 82_500L)]
    [InlineData(-2.5, -2_500_000L)]
    [InlineData(0.0000005, 0L)]        // 0.5 unit: half to even → 0
    [InlineData(0.0000015, 2L)]        // 1.5 units → 2
    [InlineData(0.0000025, 2L)]        // 2.5 units → 2
    [InlineData(-0.0000005, 0L)]
    [InlineData(1.0 / 3600.0, 278L)]   // one second of presence: 277.77… units
    public void FromDouble_rounds_half_to_even_in_micro_points(double points, long expectedUnits)
    {
        Assert.Equal(expectedUnits, Points.FromDouble(points).Units);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e13)]
    [InlineData(-1e13)]
    [InlineData(9_223_372_036_854.775808)]
    public void FromDouble_rejects_non_finite_and_out_of_range(double points)
    {
        var error = Assert.Throws<PointsOverflowException>(() => Points.FromDouble(points));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(Points.TryFromDouble(points, out _));
    }

    [Fact]
    public void FromDouble_accepts_the_largest_doubles_below_the_limit()
    {
        // 9,223,372,036,854 points scales to the double 9223372036853999616 (doubles near 2^63 are 1024 apart),
        // which is below 2^63 and converts exactly: precision at this size is the double's, not ours.
        Assert.True(Points.TryFromDouble(9_223_372_036_854.0, out var value));
        Assert.Equal(9_223_372_036_853_999_616L, value.Units);
        Assert.Equal(long.MinValue, Points.FromDouble(-9_223_372_036_854.775808).Units);
    }

    [Fact]
    public void Addition_overflow_names_the_operands()
    {
        var error = Assert.Throws<PointsOverflowException>(() => Points.MaxValue + Points.FromUnits(1));
        Assert.Contains("9223372036854.775807", error.Message);
        Assert.Contains("0.000001", error.Message);
        Assert.IsAssignableFrom<OverflowException>(error);
    }

    [Fact]
    public void Subtraction_negation_and_multiplication_overflow_throw()
    {
        Assert.Throws<PointsOverflowException>(() => Points.MinValue - Points.FromUnits(1));
        Assert.Throws<PointsOverflowException>(() => -Points.MinValue);
        Assert.Throws<PointsOverflowException>(() => Points.FromWhole(5_000_000_000_000) * 2);
        Assert.Throws<PointsOverflowException>(() => Points.FromUnits(-1) * long.MinValue);
        Assert.Throws<PointsOverflowException>(() => Points.FromWhole(10_000_000_000_000));
        Assert.Equal(Points.MinValue, Points.FromUnits(long.MinValue / 2) * 2);
        Assert.Equal(Points.FromUnits(-6), 3 * Points.FromUnits(-2));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.000001")]
    [InlineData(-1L, "-0.000001")]
    [InlineData(1_500_000L, "1.5")]
    [InlineData(12_000_000L, "12")]
    [InlineData(long.MaxValue, "9223372036854.775807")]
    [InlineData(long.MinValue, "-9223372036854.775808")]
    public void Formats_canonical_invariant_decimal(long units, string text)
    {
        Assert.Equal(text, Points.FromUnits(units).ToString());
        Assert.Equal(units, Points.Parse(text).Units);
    }

    [Theory]
    [InlineData("1.0000001", "fractional digits")]
    [InlineData("", "empty")]
    [InlineData("-", "no digits")]
    [InlineData("1e5", "only an optional sign")]
    [InlineData("1,5", "only an optional sign")]
    [InlineData("1.2.3", "only an optional sign")]
    [InlineData(" 1", "only an optional sign")]
    public void Parse_rejects_malformed_text_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Points.Parse(text));
        Assert.Contains(reason, error.Message);
        Assert.False(Points.TryParse(text, null, out _));
    }

    [Theory]
    [InlineData("9223372036854.775808")]
    [InlineData("-9223372036854.775809")]
    [InlineData("99999999999999999999999999999999999999")]
    public void Parse_reports_overflow(string text)
    {
        Assert.Throws<PointsOverflowException>(() => Points.Parse(text));
    }

    [Fact]
    public void Parse_of_a_ten_megabyte_number_fails_fast_without_allocating_it_twice()
    {
        string huge = new('9', 10_000_000);
        Assert.Throws<PointsOverflowException>(() => Points.Parse(huge));
    }

    [Fact]
    public void Parse_accepts_leading_zeros_and_plus_sign()
    {
        Assert.Equal(1_500_000L, Points.Parse("+0001.50").Units);
        Assert.Equal(500_000L, Points.Parse(".5").Units);
    }

    [Fact]
    public void Json_writes_an_exact_number_and_reads_numbers_and_strings()
    {
        var record = new Holder(Points.FromUnits(long.MaxValue));
        string json = JsonSerializer.Serialize(record);
        Assert.Equal("{\"Amount\":9223372036854.775807}", json);
        Assert.Equal(record, JsonSerializer.Deserialize<Holder>(json));
        Assert.Equal(Points.FromUnits(2_500_000), JsonSerializer.Deserialize<Holder>("{\"Amount\":\"2.5\"}")!.Amount);
    }

    [Theory]
    [InlineData("{\"Amount\":1e3}")]
    [InlineData("{\"Amount\":true}")]
    [InlineData("{\"Amount\":\"0.0000001\"}")]
    [InlineData("{\"Amount\":99999999999999999999}")]
    public void Json_rejects_values_that_are_not_exact_points(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>(json));
    }

    [Fact]
    public void Comparison_and_equality_follow_units()
    {
        var one = Points.FromWhole(1);
        var two = Points.FromWhole(2);
        Assert.True(one < two && two > one && one <= two && two >= one && one <= Points.FromWhole(1) && one != two);
        Assert.Equal(-1, one.CompareTo(two));
        Assert.Equal(1, one.CompareTo(null));
        Assert.Equal(two, Points.Max(one, two));
        Assert.Equal(one, Points.Min(one, two));
        Assert.Equal(2.0, two.ToDouble());
    }

    private sealed record Holder(Points Amount);
}
