namespace Scoring.Evaluation;

/// <summary>Unary IR operators. Operand and result types are fixed per operator.</summary>
internal enum IrUnaryOp : byte
{
    /// <summary>Double → Double: flips the sign bit (<c>-0.0</c> from <c>0.0</c>, NaN stays NaN).</summary>
    Negate,

    /// <summary>Bool → Bool.</summary>
    Not,

    /// <summary>Double → Double: clears the sign bit (<c>Math.Abs</c>, OpenCL <c>fabs</c>).</summary>
    Abs,

    /// <summary>Double → Double: <c>Math.Floor</c> / OpenCL <c>floor</c>.</summary>
    Floor,

    /// <summary>Double → Double: <c>Math.Ceiling</c> / OpenCL <c>ceil</c>.</summary>
    Ceiling,

    /// <summary>Int → Double: the nearest double, ties to even (C# <c>(double)long</c>, OpenCL <c>convert_double</c>).</summary>
    IntToDouble,
}

/// <summary>Binary IR operators.</summary>
/// <remarks>
/// Arithmetic (<see cref="Add"/> … <see cref="Max"/>): Double × Double → Double, one IEEE-754 operation each, no
/// contraction into fused multiply-add. Comparisons: both operands of the same type (Double, Int, or for
/// <see cref="Equal"/>/<see cref="NotEqual"/> also Bool and Symbol) → Bool, IEEE semantics (NaN compares unequal
/// to everything; <c>-0.0 == 0.0</c>). <see cref="And"/>/<see cref="Or"/>: Bool, short-circuit — the right operand
/// is evaluated (and can raise an error) only when the left does not decide the result.
/// </remarks>
internal enum IrBinaryOp : byte
{
    /// <summary><c>a + b</c>.</summary>
    Add,

    /// <summary><c>a - b</c>.</summary>
    Subtract,

    /// <summary><c>a * b</c>.</summary>
    Multiply,

    /// <summary><c>a / b</c>; <see cref="EvaluationError.DivisionByZero"/> when <c>b == 0</c> (either sign), checked after both operands.</summary>
    Divide,

    /// <summary>Truncated remainder, C# <c>a % b</c> = C <c>fmod</c>; <see cref="EvaluationError.DivisionByZero"/> when <c>b == 0</c>.</summary>
    Remainder,

    /// <summary>
    /// IEEE 754-2019 minimum: NaN if either is NaN, and <c>-0.0 &lt; 0.0</c>. Backends must spell it with compares
    /// (<c>a &lt; b ? a : b &lt; a ? b : a == b ? (signbit(a) ? a : b) : NaN</c>), not a native min instruction
    /// (OpenCL <c>fmin</c> returns the non-NaN operand; x86 <c>minsd</c> is asymmetric).
    /// </summary>
    Min,

    /// <summary>IEEE 754-2019 maximum: NaN if either is NaN, and <c>0.0 &gt; -0.0</c>; spelled with compares like <see cref="Min"/>.</summary>
    Max,

    /// <summary><c>a == b</c>.</summary>
    Equal,

    /// <summary><c>a != b</c> (true when either is NaN).</summary>
    NotEqual,

    /// <summary><c>a &lt; b</c>.</summary>
    Less,

    /// <summary><c>a &lt;= b</c>.</summary>
    LessOrEqual,

    /// <summary><c>a &gt; b</c>.</summary>
    Greater,

    /// <summary><c>a &gt;= b</c>.</summary>
    GreaterOrEqual,

    /// <summary>Short-circuit <c>a &amp;&amp; b</c>.</summary>
    And,

    /// <summary>Short-circuit <c>a || b</c>.</summary>
    Or,
}
