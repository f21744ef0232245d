using System.Globalization;

namespace Scoring.Gpu.CodeGen;

/// <summary>
/// Exact OpenCL C literals. Doubles are written as C99 hexadecimal floating constants (the bits, no decimal
/// rounding), infinities and NaN through the standard macros cast to double (they are float constants, which would make calls like fmod ambiguous), and longs as their two's-complement bit pattern, so
/// the device sees exactly the IR's values (including <c>-0.0</c> and <c>long.MinValue</c>).
/// </summary>
internal static class OpenClLiteral
{
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "((double)NAN)";
        if (double.IsPositiveInfinity(value)) return "((double)INFINITY)";
        if (double.IsNegativeInfinity(value)) return "(-(double)INFINITY)";
        var bits = BitConverter.DoubleToInt64Bits(value);
        var sign = bits < 0 ? "-" : "";
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        var digits = mantissa.ToString("x13", CultureInfo.InvariantCulture);
        // normal: 1.m × 2^(e-1023); subnormal and zero: 0.m × 2^-1022
        return exponent == 0
            ? $"({sign}0x0.{digits}p-1022)"
            : $"({sign}0x1.{digits}p{(exponent - 1023).ToString(CultureInfo.InvariantCulture)})";
    }

    public static string Long(long value) => value == long.MinValue
        ? "((long)0x8000000000000000UL)"
        : value < 0 ? $"({value.ToString(CultureInfo.InvariantCulture)}L)" : $"{value.ToString(CultureInfo.InvariantCulture)}L";
}
