namespace Scoring.Evaluation;

/// <summary>
/// A tier table in IR form: finite, strictly increasing <see cref="Thresholds"/> and their values. Lookup of x
/// yields the value of the largest threshold ≤ x; below the first threshold or for NaN it yields
/// <see cref="Default"/>, or voids the report with <see cref="EvaluationError.BelowFirstTier"/> when there is none.
/// </summary>
internal sealed class IrTier
{
    /// <summary>Creates a tier table; thresholds must be finite and strictly increasing.</summary>
    public IrTier(int index, string name, double[] thresholds, double[] values, double? defaultValue)
    {
        if (thresholds.Length != values.Length) throw new ArgumentException("Thresholds and values differ in length.", nameof(values));
        for (var i = 0; i < thresholds.Length; i++)
        {
            if (!double.IsFinite(thresholds[i]) || (i > 0 && !(thresholds[i - 1] < thresholds[i])))
            {
                throw new ArgumentException("Thresholds must be finite and strictly increasing.", nameof(thresholds));
            }
        }
        Index = index;
        Name = name;
        Thresholds = thresholds;
        Values = values;
        Default = defaultValue;
    }

    /// <summary>Position in <see cref="RuleProgram.Tiers"/>.</summary>
    public int Index { get; }

    /// <summary>The tier table's name in the rule set.</summary>
    public string Name { get; }

    /// <summary>Finite, strictly increasing thresholds.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Values parallel to <see cref="Thresholds"/>.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The value below the first threshold, or <see langword="null"/>: such reports are voided.</summary>
    public double? Default { get; }

    /// <summary>Index of the largest threshold ≤ <paramref name="x"/>, or -1 (also for NaN).</summary>
    public int Find(double x)
    {
        int lo = 0, hi = Thresholds.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (Thresholds[mid] <= x)
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
