namespace Scoring.Evaluation;

/// <summary>
/// The single conversion of a row's output double to exact micro-points, identical in every backend
/// (and to <see cref="Points.TryFromDouble"/>): round half to even of <c>value * 1e6</c> computed in IEEE double.
/// </summary>
internal static class PointsConversion
{
    /// <summary>Micro-points per point.</summary>
    public const double UnitsPerPoint = 1e6;

    /// <summary>2^63 as a double: the first value that does not fit a long.</summary>
    public const double Limit = 9223372036854775808.0;

    /// <summary>Converts <paramref name="value"/> to micro-points, or reports why it cannot.</summary>
    public static EvaluationError TryToUnits(double value, out long units)
    {
        units = 0;
        if (!double.IsFinite(value)) return EvaluationError.NonFiniteOutput;
        var rounded = Math.Round(value * UnitsPerPoint, MidpointRounding.ToEven);
        if (!(rounded >= -Limit && rounded < Limit)) return EvaluationError.PointsOutOfRange;
        units = (long)rounded;
        return EvaluationError.None;
    }
}
