using System.Numerics;

namespace Scoring.Evaluation.Batch;

// The IR operators as lane-wise vector operations. Each is one IEEE-754 operation per lane (no fused multiply-add:
// System.Numerics never contracts a separate multiply and add), so a lane's bits equal the scalar delegate's.
// Comparisons yield masks: 0 (false) or -1 (all ones, true) per 64-bit lane. SimdKernelCompiler calls each struct's
// static Apply for the operand vector types; they are small enough for the JIT to inline into the compiled kernel.

internal readonly struct NegateOp
{
    public static Vector<double> Apply(Vector<double> x) => -x;
}

internal readonly struct AbsOp
{
    // Clears the sign bit, as Math.Abs: -0.0 -> 0.0, NaN stays NaN.
    public static Vector<double> Apply(Vector<double> x) => Vector.AndNot(x, new Vector<double>(-0.0));
}

internal readonly struct FloorOp
{
    public static Vector<double> Apply(Vector<double> x) => Vector.Floor(x);
}

internal readonly struct CeilingOp
{
    public static Vector<double> Apply(Vector<double> x) => Vector.Ceiling(x);
}

internal readonly struct IntToDoubleOp
{
    // Round to nearest, ties to even, like the C# (double)long cast.
    public static Vector<double> Apply(Vector<long> x) => Vector.ConvertToDouble(x);
}

internal readonly struct NotOp
{
    public static Vector<long> Apply(Vector<long> x) => ~x;
}

internal readonly struct AddOp
{
    public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a + b;
}

internal readonly struct SubtractOp
{
    public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a - b;
}

internal readonly struct MultiplyOp
{
    public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a * b;
}

internal readonly struct DivideOp
{
    public static Vector<double> Apply(Vector<double> a, Vector<double> b) => a / b;
}

internal readonly struct MinOp
{
    // Math.Min: a NaN first operand is the result, a NaN second operand too (a < NaN is false); of two equal values
    // the one with the sign bit set (OR of the bits: min(+0, -0) = -0).
    public static Vector<double> Apply(Vector<double> a, Vector<double> b)
    {
        var r = Vector.ConditionalSelect(Vector.LessThan(a, b), a, b);
        r = Vector.ConditionalSelect(Vector.Equals(a, b), a | b, r);
        return Vector.ConditionalSelect(~Vector.Equals(a, a), a, r);
    }
}

internal readonly struct MaxOp
{
    // Math.Max: NaN operands win as in MinOp; of two equal values the one without the sign bit (AND: max(+0, -0) = +0).
    public static Vector<double> Apply(Vector<double> a, Vector<double> b)
    {
        var r = Vector.ConditionalSelect(Vector.LessThan(b, a), a, b);
        r = Vector.ConditionalSelect(Vector.Equals(a, b), a & b, r);
        return Vector.ConditionalSelect(~Vector.Equals(a, a), a, r);
    }
}

internal readonly struct EqualOp
{
    public static Vector<long> Apply(Vector<double> a, Vector<double> b) => Vector.Equals(a, b);

    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => Vector.Equals(a, b);
}

internal readonly struct NotEqualOp
{
    // True when either is NaN, like C# !=.
    public static Vector<long> Apply(Vector<double> a, Vector<double> b) => ~Vector.Equals(a, b);

    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => ~Vector.Equals(a, b);
}

internal readonly struct LessOp
{
    public static Vector<long> Apply(Vector<double> a, Vector<double> b) => Vector.LessThan(a, b);

    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => Vector.LessThan(a, b);
}

internal readonly struct LessOrEqualOp
{
    public static Vector<long> Apply(Vector<double> a, Vector<double> b) => Vector.LessThanOrEqual(a, b);

    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => Vector.LessThanOrEqual(a, b);
}

internal readonly struct GreaterOp
{
    public static Vector<long> Apply(Vector<double> a, Vector<double> b) => Vector.GreaterThan(a, b);

    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => Vector.GreaterThan(a, b);
}

internal readonly struct GreaterOrEqualOp
{
    public static Vector<long> Apply(Vector<double> a, Vector<double> b) => Vector.GreaterThanOrEqual(a, b);

    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => Vector.GreaterThanOrEqual(a, b);
}

internal readonly struct AndOp
{
    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => a & b;
}

internal readonly struct OrOp
{
    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => a | b;
}

internal readonly struct AndNotOp
{
    /// <summary><c>a &amp; ~b</c>.</summary>
    public static Vector<long> Apply(Vector<long> a, Vector<long> b) => Vector.AndNot(a, b);
}

internal readonly struct IsZeroOp
{
    // b == 0 for either sign of zero (the IR's division-by-zero test).
    public static Vector<long> Apply(Vector<double> x) => Vector.Equals(x, Vector<double>.Zero);
}

internal readonly struct IsNaNOp
{
    public static Vector<long> Apply(Vector<double> x) => ~Vector.Equals(x, x);
}
