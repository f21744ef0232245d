using System.Text;

namespace Scoring;

/// <summary>The canonical decimal text of a <see cref="Points"/> amount: sign, integer digits, up to six fractional digits.</summary>
internal static class PointsText
{
    /// <summary>Longest text: "-9223372036854.775808" is 21 characters.</summary>
    public const int MaxLength = 21;

    public enum ParseStatus { Ok, Empty, BadCharacter, TooManyDecimals, NoDigits, Overflow }

    public static string Format(long units)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        TryFormat(units, buffer, out int written);
        return new string(buffer[..written]);
    }

    public static bool TryFormat(long units, Span<byte> destination, out int bytesWritten)
    {
        Span<char> chars = stackalloc char[MaxLength];
        TryFormat(units, chars, out int length);
        if (length > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }
        bytesWritten = Encoding.ASCII.GetBytes(chars[..length], destination);
        return true;
    }

    public static bool TryFormat(long units, Span<char> destination, out int charsWritten)
    {
        // Work on the magnitude as ulong so long.MinValue needs no special case.
        ulong magnitude = units < 0 ? (ulong)(-(units + 1)) + 1 : (ulong)units;
        ulong whole = magnitude / (ulong)Points.UnitsPerPoint;
        ulong fraction = magnitude % (ulong)Points.UnitsPerPoint;

        Span<char> buffer = stackalloc char[MaxLength];
        int position = buffer.Length;
        if (fraction != 0)
        {
            int digits = Points.DecimalPlaces;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            for (int i = 0; i < digits; i++)
            {
                buffer[--position] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }
            buffer[--position] = '.';
        }
        do
        {
            buffer[--position] = (char)('0' + (int)(whole % 10));
            whole /= 10;
        }
        while (whole != 0);
        if (units < 0)
        {
            buffer[--position] = '-';
        }

        var text = buffer[position..];
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }
        text.CopyTo(destination);
        charsWritten = text.Length;
        return true;
    }

    public static ParseStatus Parse(ReadOnlySpan<char> s, out long units)
    {
        units = 0;
        if (s.IsEmpty)
        {
            return ParseStatus.Empty;
        }
        bool negative = false;
        int i = 0;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i = 1;
        }

        // Accumulate the magnitude in micro-units as a ulong; the negative range is one unit larger.
        ulong limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        ulong magnitude = 0;
        int integerDigits = 0, fractionDigits = 0;
        bool inFraction = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.' && !inFraction)
            {
                inFraction = true;
                continue;
            }
            if (c is < '0' or > '9')
            {
                return ParseStatus.BadCharacter;
            }
            if (inFraction)
            {
                if (++fractionDigits > Points.DecimalPlaces)
                {
                    return ParseStatus.TooManyDecimals;
                }
            }
            else
            {
                integerDigits++;
            }
            if (magnitude > (ulong.MaxValue - 9) / 10)
            {
                return ParseStatus.Overflow;
            }
            magnitude = magnitude * 10 + (ulong)(c - '0');
            if (magnitude > limit / Pow10(Points.DecimalPlaces - fractionDigits) + 1)
            {
                return ParseStatus.Overflow;
            }
        }
        if (integerDigits + fractionDigits == 0)
        {
            return ParseStatus.NoDigits;
        }

        ulong scale = Pow10(Points.DecimalPlaces - fractionDigits);
        if (magnitude > limit / scale)
        {
            return ParseStatus.Overflow;
        }
        magnitude *= scale;
        units = negative ? (long)(0 - magnitude) : (long)magnitude;
        return ParseStatus.Ok;
    }

    public static string Describe(ParseStatus status) => status switch
    {
        ParseStatus.Empty => "the text is empty",
        ParseStatus.BadCharacter => "only an optional sign, digits and one '.' are allowed",
        ParseStatus.TooManyDecimals => $"at most {Points.DecimalPlaces} fractional digits are allowed (1 unit = 0.000001 points)",
        ParseStatus.NoDigits => "there are no digits",
        ParseStatus.Overflow => "the amount is outside the range of Points",
        _ => status.ToString(),
    };

    private static ulong Pow10(int exponent)
    {
        ulong result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }
        return result;
    }
}
