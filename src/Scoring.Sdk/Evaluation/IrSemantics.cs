namespace Scoring.Evaluation;

/// <summary>
/// The meaning of each IR operator on constants, shared by the constant folder and the reference interpreter
/// (the compiled delegate emits the same IEEE operations; property tests hold them equal bit for bit).
/// </summary>
internal static class IrSemantics
{
    public static double Unary(IrUnaryOp op, double x) => op switch
    {
        IrUnaryOp.Negate => -x,
        IrUnaryOp.Abs => Math.Abs(x),
        IrUnaryOp.Floor => Math.Floor(x),
        IrUnaryOp.Ceiling => Math.Ceiling(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Arithmetic; the caller checks the zero divisor of Divide/Remainder first.</summary>
    public static double Arithmetic(IrBinaryOp op, double a, double b) => op switch
    {
        IrBinaryOp.Add => a + b,
        IrBinaryOp.Subtract => a - b,
        IrBinaryOp.Multiply => a * b,
        IrBinaryOp.Divide => a / b,
        IrBinaryOp.Remainder => a % b,
        IrBinaryOp.Min => Min(a, b),
        IrBinaryOp.Max => Max(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// IEEE 754-2019 minimum spelled out in compares, so no backend depends on a platform's min instruction
    /// (the JIT's <c>Math.Min</c> intrinsic was seen to return +0.0 for min(0.0, -0.0) in generated code):
    /// NaN if either is NaN, -0.0 below +0.0.
    /// </summary>
    public static double Min(double a, double b)
    {
        if (a < b) return a;
        if (b < a) return b;
        if (a == b) return double.IsNegative(a) ? a : b;
        return double.NaN;
    }

    /// <summary>IEEE 754-2019 maximum spelled out in compares: NaN if either is NaN, +0.0 above -0.0.</summary>
    public static double Max(double a, double b)
    {
        if (a > b) return a;
        if (b > a) return b;
        if (a == b) return double.IsNegative(a) ? b : a;
        return double.NaN;
    }

    public static bool Compare(IrBinaryOp op, double a, double b) => op switch
    {
        IrBinaryOp.Equal => a == b,
        IrBinaryOp.NotEqual => a != b,
        IrBinaryOp.Less => a < b,
        IrBinaryOp.LessOrEqual => a <= b,
        IrBinaryOp.Greater => a > b,
        IrBinaryOp.GreaterOrEqual => a >= b,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool Compare(IrBinaryOp op, long a, long b) => op switch
    {
        IrBinaryOp.Equal => a == b,
        IrBinaryOp.NotEqual => a != b,
        IrBinaryOp.Less => a < b,
        IrBinaryOp.LessOrEqual => a <= b,
        IrBinaryOp.Greater => a > b,
        IrBinaryOp.GreaterOrEqual => a >= b,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool IsDivision(IrBinaryOp op) => op is IrBinaryOp.Divide or IrBinaryOp.Remainder;

    public static bool IsArithmetic(IrBinaryOp op) => op <= IrBinaryOp.Max;

    public static bool IsComparison(IrBinaryOp op) => op is >= IrBinaryOp.Equal and <= IrBinaryOp.GreaterOrEqual;

    /// <summary>Binary search in sorted distinct longs.</summary>
    public static bool Contains(long[] sorted, long value) => Array.BinarySearch(sorted, value) >= 0;

    /// <summary>Binary search with IEEE <c>==</c> meaning: NaN is never found; -0.0 finds 0.0.</summary>
    public static bool Contains(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var item = sorted[mid];
            if (item == value) return true;
            if (item < value) lo = mid + 1;
            else if (item > value) hi = mid - 1;
            else return false; // NaN
        }
        return false;
    }

    /// <summary>Index of <paramref name="key"/> in sorted distinct <paramref name="keys"/>, or -1.</summary>
    public static int Find(long[] keys, long key)
    {
        var i = Array.BinarySearch(keys, key);
        return i >= 0 ? i : -1;
    }

    /// <summary>Index of the largest threshold ≤ <paramref name="x"/>, or -1 (also for NaN).</summary>
    public static int FindTier(double[] thresholds, double x)
    {
        int lo = 0, hi = thresholds.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (thresholds[mid] <= x)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }
}
