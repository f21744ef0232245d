namespace Scoring.RuleSets;

/// <summary>The four value types of the rule language.</summary>
/// <remarks>
/// <see cref="Int"/> is a 64-bit integer meant for exact counts and table keys; arithmetic on it yields
/// <see cref="Double"/>. <see cref="String"/> values are interned to integer symbol ids before evaluation.
/// </remarks>
public enum ScalarType
{
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A 64-bit signed integer.</summary>
    Int,

    /// <summary>An IEEE-754 binary64 number.</summary>
    Double,

    /// <summary>A string; compared by value, never inspected character by character at run time.</summary>
    String,
}

/// <summary>Names of <see cref="ScalarType"/> as written in rule documents.</summary>
public static class ScalarTypeNames
{
    /// <summary>The document spelling of <paramref name="type"/>: <c>bool</c>, <c>int</c>, <c>double</c> or <c>string</c>.</summary>
    public static string ToName(this ScalarType type) => type switch
    {
        ScalarType.Bool => "bool",
        ScalarType.Int => "int",
        ScalarType.Double => "double",
        ScalarType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Parses a document spelling; returns <see langword="false"/> for anything else.</summary>
    public static bool TryParse(string? name, out ScalarType type)
    {
        switch (name)
        {
            case "bool": type = ScalarType.Bool; return true;
            case "int": type = ScalarType.Int; return true;
            case "double": type = ScalarType.Double; return true;
            case "string": type = ScalarType.String; return true;
            default: type = default; return false;
        }
    }
}
