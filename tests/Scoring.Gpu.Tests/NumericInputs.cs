using FsCheck;
using FsCheck.Fluent;

namespace Scoring.Gpu.Tests;

/// <summary>Generators for the doubles and longs where OpenCL and .NET are most likely to disagree.</summary>
public static class NumericInputs
{
    /// <summary>NaN, infinities, signed zeros, subnormals, extremes, rounding ties and the edges of the points range.</summary>
    public static readonly double[] SpecialDoubles =
    [
        double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0,
        double.Epsilon, -double.Epsilon, 2.2250738585072009E-308, 2.2250738585072014E-308, -2.2250738585072014E-308,
        double.MaxValue, double.MinValue, 1e308, -1e-308, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5,
        0.5e-6, 1.5e-6, 2.5e-6, -0.5e-6, -1.5e-6, 0.0000025, 1.0000005, 2.0000025,
        9223372036854.775807, 9223372036854.775808, 9223372036854.7758, -9223372036854.775808, -9223372036854.77581,
        9007199254740992.0, 9007199254740993.0, 4503599627370496.5, 9.2233720368547758E18, -9.2233720368547758E18,
        1 + Math.Pow(2, -27), 1 - Math.Pow(2, -27), Math.Pow(2, -1074), 0.1, 0.2, 0.3, 1e15, 1e-15,
    ];

    /// <summary>Longs at the edges of exact conversion to double.</summary>
    public static readonly long[] SpecialLongs =
    [
        0, 1, -1, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1,
        (1L << 53) + 1, -((1L << 53) + 1), 1L << 62, (1L << 62) + 1, 1_000_000, 999_999_999_999,
    ];

    /// <summary>Uniform 64-bit patterns: every exponent, NaN payloads, subnormals.</summary>
    public static readonly Gen<long> AnyBits =
        Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue)).Select(t => ((long)t.Item1 << 32) | (uint)t.Item2);

    /// <summary>A double from a mix of special values, random bit patterns, ties at the micro-point scale and plain values.</summary>
    public static readonly Gen<double> Double = Gen.Frequency(
        (3, Gen.Elements(SpecialDoubles)),
        (3, AnyBits.Select(BitConverter.Int64BitsToDouble)),
        (2, Gen.Choose(-2_000_000, 2_000_000).Select(k => (k + 0.5) / 1e6)),
        (2, Gen.Choose(-2_000_000, 2_000_000).Select(k => k * 0.5e-6)),
        (1, Gen.Choose(-1000, 1000).Select(k => k + 0.5)),
        (2, ArbMap.Default.GeneratorFor<double>()),
        (1, ArbMap.Default.GeneratorFor<long>().Select(v => BitConverter.Int64BitsToDouble(v))));

    /// <summary>A long from edge values, random 64-bit values and small values.</summary>
    public static readonly Gen<long> Long = Gen.Frequency(
        (2, Gen.Elements(SpecialLongs)),
        (2, AnyBits),
        (1, ArbMap.Default.GeneratorFor<long>()));

    /// <summary>A row (a, b, c, l) for the operation kernel.</summary>
    public static readonly Gen<(double A, double B, double C, long L)> Row =
        from a in Double
        from b in Double
        from c in Double
        from l in Long
        select (a, b, c, l);
}
