using System.Globalization;

namespace Scoring.Gpu;

/// <summary>
/// The numeric rules every scoring kernel is built under, as OpenCL C text. <see cref="Header"/> enables fp64 and turns
/// off floating-point contraction (no fused multiply-add), so <c>a * b + c</c> rounds twice exactly like .NET.
/// <see cref="Prelude"/> adds functions whose results equal the .NET ones bit for bit where the OpenCL built-ins differ
/// (see <c>docs/opencl.md</c>). <see cref="OpenClContext.BuildProgram"/> refuses source that does not start with <see cref="Header"/>.
/// </summary>
internal static class OpenClKernelSource
{
    /// <summary>The two pragmas every scoring kernel starts with.</summary>
    public const string Header =
        "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" +
        "#pragma OPENCL FP_CONTRACT OFF\n";

    /// <summary>
    /// <see cref="Header"/> plus the .NET-compatible helpers: <c>sc_min</c>/<c>sc_max</c> (= <c>Math.Min</c>/<c>Math.Max</c>:
    /// NaN wins, -0.0 &lt; +0.0), <c>sc_clamp</c> (= <c>Math.Clamp</c> for lo &lt;= hi), <c>sc_to_long</c>
    /// (= the saturating C# <c>(long)x</c> cast: NaN → 0) and <c>sc_to_units</c> (= <c>Points.FromDouble</c>: round half
    /// to even of <c>points * 1e6</c>; returns 0 where .NET throws).
    /// </summary>
    public const string Prelude = Header + """

        // Math.Min(double, double): a NaN operand is the result; -0.0 is less than +0.0 (fmin may return either).
        double sc_min(double a, double b)
        {
            if (a != b) { return isnan(a) ? a : (a < b ? a : b); }
            return signbit(a) ? a : b;
        }

        // Math.Max(double, double): a NaN operand is the result; +0.0 is greater than -0.0.
        double sc_max(double a, double b)
        {
            if (a != b) { return isnan(a) ? a : (b < a ? a : b); }
            return signbit(b) ? a : b;
        }

        // Math.Floor/Math.Ceiling: NaN stays NaN. The guard is not redundant: PoCL 3.1 folds floor/ceil of a NaN it
        // can prove at compile time (a NaN literal, also one that reaches the call through inlined sc_max) to 0.
        double sc_floor(double x)
        {
            return isnan(x) ? x : floor(x);
        }

        double sc_ceil(double x)
        {
            return isnan(x) ? x : ceil(x);
        }

        // Math.Clamp(value, lo, hi) for lo <= hi: NaN stays NaN and a bound is returned as given.
        // (OpenCL clamp = fmin(fmax(v, lo), hi) turns NaN into lo.) lo > hi is the caller's error to report.
        double sc_clamp(double v, double lo, double hi)
        {
            return v < lo ? lo : (v > hi ? hi : v);
        }

        // The C# (long)x conversion (.NET 9+: truncates, saturates, NaN -> 0).
        long sc_to_long(double x)
        {
            return convert_long_sat_rtz(x);
        }

        // Points.TryFromDouble: units = round-half-to-even(points * 1e6) in IEEE double, then to long.
        // Returns 1 and sets *units when it fits a long; returns 0 (and *units = 0) for NaN, infinities and
        // out-of-range values, where .NET throws PointsOverflowException.
        // No rint: PoCL 3.1 miscompiles rint of a large constant (a rule set whose output is a constant of 2^52 or
        // more lost every store of its kernel). Doubles at or above 2^52 are integers already; below, adding and
        // subtracting 2^52 rounds to an integer, ties to even, in plain IEEE arithmetic. So the range can be
        // checked before rounding: rounding cannot carry a value across either bound.
        int sc_to_units(double points, long* units)
        {
            double scaled = points * 1000000.0;
            if (!(scaled >= -9223372036854775808.0 && scaled < 9223372036854775808.0)) { *units = 0; return 0; }
            const double integral = 4503599627370496.0;
            double rounded = !(fabs(scaled) < integral) ? scaled
                : scaled >= 0.0 ? (scaled + integral) - integral : (scaled - integral) + integral;
            *units = convert_long(rounded);
            return 1;
        }

        """;

    /// <summary>
    /// An OpenCL C expression for exactly <paramref name="value"/>: a hexadecimal floating literal such as
    /// <c>0x1.8000000000000p+1</c> for finite values (no decimal-to-binary rounding on either side; negative values are
    /// parenthesized); <c>(1.0 / 0.0)</c>, <c>(-1.0 / 0.0)</c> and <c>(0.0 / 0.0)</c> otherwise (the <c>INFINITY</c>/<c>NAN</c> macros are not constant expressions on every implementation). All are
    /// constant expressions, usable in <c>__constant</c> table initializers. A NaN's sign and payload are not kept
    /// (they are not portable across devices anyway).
    /// </summary>
    public static string DoubleLiteral(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        if (double.IsNaN(value))
        {
            return "(0.0 / 0.0)";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
        }

        bool negative = (bits >> 63) != 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = bits & 0xF_FFFF_FFFF_FFFFUL;
        string magnitude = exponent == 0 && mantissa == 0 ? "0x0.0p+0"
            : exponent == 0 ? string.Create(CultureInfo.InvariantCulture, $"0x0.{mantissa:x13}p-1022")
            : string.Create(CultureInfo.InvariantCulture, $"0x1.{mantissa:x13}p{exponent - 1023:+0;-0}");
        return negative ? $"(-{magnitude})" : magnitude;
    }

    /// <summary>Prefixes a kernel body (the <c>__kernel</c> functions) with <see cref="Prelude"/>.</summary>
    public static string Compose(string kernelBody)
    {
        ArgumentNullException.ThrowIfNull(kernelBody);
        return Prelude + kernelBody;
    }
}
