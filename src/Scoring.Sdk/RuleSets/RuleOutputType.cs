namespace Scoring.RuleSets;

/// <summary>How a rule set's output variable becomes a result: exact points, or the IEEE double itself.</summary>
public enum RuleOutputType
{
    /// <summary>
    /// Converted once to exact micro-points (round half to even of <c>value × 1e6</c>, 1 point = 1,000,000 units):
    /// NaN/±∞ void the report with <c>NonFiniteOutput</c>, values beyond the 64-bit range with <c>PointsOutOfRange</c>.
    /// Written <c>"points"</c> in documents.
    /// </summary>
    Points,

    /// <summary>
    /// The IEEE-754 double as computed, never rounded (its raw bits are the result, <c>-0.0</c> included); NaN/±∞ void
    /// the report with <c>NonFiniteOutput</c>. For scores that must equal a reference formula bit for bit.
    /// Written <c>"double"</c> in documents.
    /// </summary>
    Double,
}

/// <summary>Names of <see cref="RuleOutputType"/> as written in rule documents.</summary>
public static class RuleOutputTypeNames
{
    /// <summary>The document spelling of <paramref name="type"/>: <c>points</c> or <c>double</c>.</summary>
    public static string ToName(this RuleOutputType type) => type switch
    {
        RuleOutputType.Points => "points",
        RuleOutputType.Double => "double",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a document spelling; returns <see langword="false"/> for anything else.</summary>
    public static bool TryParse(string? name, out RuleOutputType type)
    {
        switch (name)
        {
            case "points": type = RuleOutputType.Points; return true;
            case "double": type = RuleOutputType.Double; return true;
            default: type = default; return false;
        }
    }
}
