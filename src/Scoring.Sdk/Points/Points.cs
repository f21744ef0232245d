using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Serialization;

namespace Scoring;

/// <summary>
/// An exact amount of points: a signed 64-bit count of micro-points (1 point = 1,000,000 units).
/// </summary>
/// <remarks>
/// Every evaluator computes a report's points in IEEE-754 double and converts the result exactly once,
/// with <see cref="FromDouble"/>; from then on sums, caps and ledger totals are integer and overflow-checked,
/// so totals never depend on the order of addition or on the backend that produced them.
/// The range is ±9,223,372,036,854.775807 points; see <c>docs/points.md</c> for why the unit is 10⁻⁶.
/// </remarks>
[JsonConverter(typeof(PointsJsonConverter))]
public readonly struct Points :
    IEquatable<Points>,
    IComparable<Points>,
    IComparable,
    ISpanFormattable,
    IUtf8SpanFormattable,
    ISpanParsable<Points>,
    IAdditionOperators<Points, Points, Points>,
    ISubtractionOperators<Points, Points, Points>,
    IUnaryNegationOperators<Points, Points>,
    IMultiplyOperators<Points, long, Points>,
    IComparisonOperators<Points, Points, bool>,
    IAdditiveIdentity<Points, Points>,
    IMinMaxValue<Points>
{
    /// <summary>The number of units in one point: one unit is a micro-point.</summary>
    public const long UnitsPerPoint = 1_000_000;

    /// <summary>The number of decimal places a <see cref="Points"/> value carries.</summary>
    public const int DecimalPlaces = 6;

    // The smallest double that is too large for a long: 2^63. Every double below it (and ≥ -2^63) converts exactly.
    private const double TwoPow63 = 9_223_372_036_854_775_808.0;

    /// <summary>Creates a value from a raw count of micro-points.</summary>
    /// <param name="units">The number of micro-points.</param>
    public Points(long units) => Units = units;

    /// <summary>The raw count of micro-points.</summary>
    public long Units { get; }

    /// <summary>Zero points.</summary>
    public static Points Zero => default;

    /// <summary>The additive identity, zero.</summary>
    public static Points AdditiveIdentity => default;

    /// <summary>The largest representable amount, 9,223,372,036,854.775807 points.</summary>
    public static Points MaxValue => new(long.MaxValue);

    /// <summary>The smallest representable amount, -9,223,372,036,854.775808 points.</summary>
    public static Points MinValue => new(long.MinValue);

    /// <summary>Creates a value from a raw count of micro-points.</summary>
    public static Points FromUnits(long units) => new(units);

    /// <summary>Creates a value from a whole number of points, checking the range.</summary>
    /// <exception cref="PointsOverflowException">The result does not fit.</exception>
    public static Points FromWhole(long points)
    {
        long units;
        try
        {
            units = checked(points * UnitsPerPoint);
        }
        catch (OverflowException)
        {
            throw new PointsOverflowException($"{points} points is outside the range of Points ({MinValue} to {MaxValue}).");
        }
        return new Points(units);
    }

    /// <summary>
    /// Converts a double amount of points exactly once: <c>units = round_half_even(points × 10⁶)</c>, where the product
    /// is one IEEE-754 double multiplication. The OpenCL and SIMD evaluators perform the same two steps.
    /// </summary>
    /// <param name="points">The amount in points.</param>
    /// <exception cref="PointsOverflowException"><paramref name="points"/> is NaN, infinite, or outside the range.</exception>
    public static Points FromDouble(double points)
    {
        if (!TryFromDouble(points, out var result))
        {
            throw new PointsOverflowException(double.IsNaN(points)
                ? "NaN is not an amount of points."
                : $"{points.ToString("R", CultureInfo.InvariantCulture)} points is outside the range of Points ({MinValue} to {MaxValue}).");
        }
        return result;
    }

    /// <summary>Like <see cref="FromDouble"/>, but returns <see langword="false"/> for NaN, infinities and out-of-range amounts.</summary>
    public static bool TryFromDouble(double points, out Points result)
    {
        double scaled = Math.Round(points * UnitsPerPoint, MidpointRounding.ToEven);
        // NaN fails both comparisons, infinities fail one.
        if (scaled >= -TwoPow63 && scaled < TwoPow63)
        {
            result = new Points((long)scaled);
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>The amount as a double (exact up to 2⁵³ units; for display and weights, never for sums).</summary>
    public double ToDouble() => (double)Units / UnitsPerPoint;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => Units < 0;

    /// <summary>Adds two amounts; overflow throws <see cref="PointsOverflowException"/>.</summary>
    public static Points operator +(Points left, Points right)
    {
        long sum = left.Units + right.Units;
        // Overflow iff both operands have the same sign and the sum's sign differs.
        if (((left.Units ^ sum) & (right.Units ^ sum)) < 0)
        {
            throw new PointsOverflowException($"Points overflow: {left} + {right} is outside the range of Points.");
        }
        return new Points(sum);
    }

    /// <summary>Subtracts two amounts; overflow throws <see cref="PointsOverflowException"/>.</summary>
    public static Points operator -(Points left, Points right)
    {
        long difference = left.Units - right.Units;
        if (((left.Units ^ right.Units) & (left.Units ^ difference)) < 0)
        {
            throw new PointsOverflowException($"Points overflow: {left} - {right} is outside the range of Points.");
        }
        return new Points(difference);
    }

    /// <summary>Negates an amount; negating <see cref="MinValue"/> throws <see cref="PointsOverflowException"/>.</summary>
    public static Points operator -(Points value) =>
        value.Units == long.MinValue
            ? throw new PointsOverflowException($"Points overflow: -({value}) is outside the range of Points.")
            : new Points(-value.Units);

    /// <summary>Multiplies an amount by an integer; overflow throws <see cref="PointsOverflowException"/>.</summary>
    public static Points operator *(Points left, long right)
    {
        long high = Math.BigMul(left.Units, right, out long low);
        // The 128-bit product fits in 64 bits iff the high half is the sign extension of the low half.
        if (high != (low >> 63))
        {
            throw new PointsOverflowException($"Points overflow: {left} × {right} is outside the range of Points.");
        }
        return new Points(low);
    }

    /// <summary>Multiplies an amount by an integer; overflow throws <see cref="PointsOverflowException"/>.</summary>
    public static Points operator *(long left, Points right) => right * left;

    /// <summary>Sums amounts with overflow checking; the result does not depend on the order of <paramref name="values"/>.</summary>
    /// <remarks>
    /// Integer addition is associative, so when the true total fits, any order gives it; when it does not, some
    /// intermediate sum overflows, and the check throws. A sum whose partial sums leave the range but whose total
    /// returns into it is also reported, because it cannot be told apart from a real overflow one step at a time.
    /// </remarks>
    public static Points Sum(IEnumerable<Points> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var total = Zero;
        foreach (var value in values)
        {
            total += value;
        }
        return total;
    }

    /// <summary>The larger of two amounts.</summary>
    public static Points Max(Points left, Points right) => left.Units >= right.Units ? left : right;

    /// <summary>The smaller of two amounts.</summary>
    public static Points Min(Points left, Points right) => left.Units <= right.Units ? left : right;

    /// <inheritdoc />
    public static bool operator ==(Points left, Points right) => left.Units == right.Units;

    /// <inheritdoc />
    public static bool operator !=(Points left, Points right) => left.Units != right.Units;

    /// <inheritdoc />
    public static bool operator <(Points left, Points right) => left.Units < right.Units;

    /// <inheritdoc />
    public static bool operator >(Points left, Points right) => left.Units > right.Units;

    /// <inheritdoc />
    public static bool operator <=(Points left, Points right) => left.Units <= right.Units;

    /// <inheritdoc />
    public static bool operator >=(Points left, Points right) => left.Units >= right.Units;

    /// <inheritdoc />
    public bool Equals(Points other) => Units == other.Units;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Points other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Units.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Points other) => Units.CompareTo(other.Units);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Points other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(Points)}.", nameof(obj)),
    };

    /// <summary>
    /// Formats the amount as an invariant decimal with at most six fractional digits and no trailing zeros,
    /// e.g. <c>12.5</c>, <c>-0.000001</c>, <c>3</c>. <see cref="Parse(string)"/> reads it back exactly.
    /// </summary>
    public override string ToString() => PointsText.Format(Units);

    /// <summary>Formats the amount; the format and provider are ignored because the text is always the canonical invariant form.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        PointsText.TryFormat(Units, destination, out charsWritten);

    /// <inheritdoc />
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        PointsText.TryFormat(Units, utf8Destination, out bytesWritten);

    /// <summary>Parses the canonical decimal form (an optional sign, digits, and at most six fractional digits).</summary>
    /// <exception cref="FormatException">The text is not a decimal amount or has more than six fractional digits.</exception>
    /// <exception cref="PointsOverflowException">The amount is outside the range of Points.</exception>
    public static Points Parse(string s) => Parse(s.AsSpan(), CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Parse(string)" />
    public static Points Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    /// <inheritdoc cref="Parse(string)" />
    public static Points Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        PointsText.Parse(s, out var units) switch
        {
            PointsText.ParseStatus.Ok => new Points(units),
            PointsText.ParseStatus.Overflow => throw new PointsOverflowException($"'{s}' is outside the range of Points ({MinValue} to {MaxValue})."),
            var status => throw new FormatException($"'{s}' is not an amount of points: {PointsText.Describe(status)}."),
        };

    /// <summary>Tries to parse the canonical decimal form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Points result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <summary>Tries to parse the canonical decimal form.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Points result)
    {
        bool ok = PointsText.Parse(s, out var units) == PointsText.ParseStatus.Ok;
        result = ok ? new Points(units) : default;
        return ok;
    }
}
