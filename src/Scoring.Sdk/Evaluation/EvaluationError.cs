namespace Scoring.Evaluation;

/// <summary>
/// Why a report was voided. Shared by every evaluator (scalar, SIMD, OpenCL): for the same rule set and row they
/// must report the same code. When several errors could happen in one row, the first one in evaluation order wins
/// (see <see cref="RuleProgram"/>). The numeric values are stable: backends store them as bytes.
/// </summary>
public enum EvaluationError : byte
{
    /// <summary>The report was scored.</summary>
    None = 0,

    /// <summary>A <c>/</c> or <c>%</c> whose divisor was zero (either sign).</summary>
    DivisionByZero = 1,

    /// <summary>A lookup-table key that is not in the table, and the table has no default.</summary>
    MissingTableKey = 2,

    /// <summary>A tier lookup below the first threshold (or of NaN), and the tier table has no default.</summary>
    BelowFirstTier = 3,

    /// <summary>The output variable is NaN or infinite.</summary>
    NonFiniteOutput = 4,

    /// <summary>The output, converted to micro-points, does not fit a 64-bit integer.</summary>
    PointsOutOfRange = 5,
}
