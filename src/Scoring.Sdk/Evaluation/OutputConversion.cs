using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// The conversion of one output's final double to its 64-bit result, identical in every backend: micro-point units
/// for <see cref="RuleOutputType.Points"/> (<see cref="PointsConversion"/>), the raw IEEE bits for
/// <see cref="RuleOutputType.Double"/>.
/// </summary>
internal static class OutputConversion
{
    /// <summary>Converts <paramref name="value"/> as an output of type <paramref name="type"/>, or reports why it cannot (then <paramref name="result"/> is 0).</summary>
    public static EvaluationError TryConvert(double value, RuleOutputType type, out long result)
    {
        if (type == RuleOutputType.Points) return PointsConversion.TryToUnits(value, out result);
        result = 0;
        if (!double.IsFinite(value)) return EvaluationError.NonFiniteOutput;
        // the bits as computed: no rounding, and -0.0 stays -0.0
        result = BitConverter.DoubleToInt64Bits(value);
        return EvaluationError.None;
    }
}
