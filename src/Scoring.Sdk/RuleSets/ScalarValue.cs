using System.Globalization;

namespace Scoring.RuleSets;

/// <summary>A typed constant: a parameter value, or a report field value handed to <c>explain</c>.</summary>
public readonly record struct ScalarValue
{
    private readonly double _double;
    private readonly long _int;
    private readonly string? _string;

    private ScalarValue(ScalarType type, double d, long i, string? s)
    {
        Type = type;
        _double = d;
        _int = i;
        _string = s;
    }

    /// <summary>The value's type.</summary>
    public ScalarType Type { get; }

    /// <summary>A boolean constant.</summary>
    public static ScalarValue FromBool(bool value) => new(ScalarType.Bool, 0, value ? 1 : 0, null);

    /// <summary>An integer constant.</summary>
    public static ScalarValue FromInt(long value) => new(ScalarType.Int, 0, value, null);

    /// <summary>A double constant.</summary>
    public static ScalarValue FromDouble(double value) => new(ScalarType.Double, value, 0, null);

    /// <summary>A string constant.</summary>
    public static ScalarValue FromString(string value) => new(ScalarType.String, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The boolean value; throws unless <see cref="Type"/> is <see cref="ScalarType.Bool"/>.</summary>
    public bool AsBool => Type == ScalarType.Bool ? _int != 0 : throw WrongType(ScalarType.Bool);

    /// <summary>The integer value; throws unless <see cref="Type"/> is <see cref="ScalarType.Int"/>.</summary>
    public long AsInt => Type == ScalarType.Int ? _int : throw WrongType(ScalarType.Int);

    /// <summary>The double value; throws unless <see cref="Type"/> is <see cref="ScalarType.Double"/>.</summary>
    public double AsDouble => Type == ScalarType.Double ? _double : throw WrongType(ScalarType.Double);

    /// <summary>The string value; throws unless <see cref="Type"/> is <see cref="ScalarType.String"/>.</summary>
    public string AsString => Type == ScalarType.String ? _string! : throw WrongType(ScalarType.String);

    /// <summary>Structural equality; doubles compare by bit pattern so that the content hash and equality agree.</summary>
    public bool Equals(ScalarValue other) =>
        Type == other.Type && _int == other._int && string.Equals(_string, other._string, StringComparison.Ordinal)
        && BitConverter.DoubleToInt64Bits(_double) == BitConverter.DoubleToInt64Bits(other._double);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _int, _string, BitConverter.DoubleToInt64Bits(_double));

    /// <summary>The value as it would be written in an expression (strings quoted, doubles round-trip).</summary>
    public override string ToString() => Type switch
    {
        ScalarType.Bool => _int != 0 ? "true" : "false",
        ScalarType.Int => _int.ToString(CultureInfo.InvariantCulture),
        ScalarType.Double => FormatDouble(_double),
        _ => Language.ExpressionPrinter.QuoteString(_string!),
    };

    /// <summary>Formats a double so that it reads back as the same double (and as a double, not an int).</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private InvalidOperationException WrongType(ScalarType wanted) =>
        new($"The value is {Type.ToName()}, not {wanted.ToName()}.");
}
