namespace Scoring.RuleSets;

/// <summary>
/// A threshold → number table, read as <c>tier(name, x)</c>: the value of the largest threshold ≤ x.
/// Below the first threshold (or for NaN) it yields <see cref="Default"/> when declared, otherwise the report is
/// voided with <c>BelowFirstTier</c>.
/// </summary>
public sealed class TierTable
{
    /// <summary>Creates a tier table; steps are (threshold, value) pairs with strictly increasing finite thresholds.</summary>
    public TierTable(string name, IEnumerable<KeyValuePair<double, double>> steps, double? defaultValue = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Steps = steps?.ToArray() ?? throw new ArgumentNullException(nameof(steps));
        Default = defaultValue;
    }

    /// <summary>The name used in <c>tier(name, x)</c>.</summary>
    public string Name { get; }

    /// <summary>(threshold, value) pairs in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<double, double>> Steps { get; }

    /// <summary>The value below the first threshold, or <see langword="null"/> to void such reports.</summary>
    public double? Default { get; }
}
