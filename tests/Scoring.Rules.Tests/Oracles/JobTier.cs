namespace Scoring.Rules.Tests.Oracles;

/// <summary>One row of a tier table: from <see cref="Threshold"/> on (until the next row), <see cref="Multiplier"/> applies.</summary>
public sealed class JobTier
{
    /// <summary>The least amount (NFTs held, or stake) at which this tier applies.</summary>
    public double Threshold { get; set; }

    /// <summary>The multiplier of this tier (at least 1: a boost never lowers points).</summary>
    public double Multiplier { get; set; } = 1;

    /// <summary>Creates a tier.</summary>
    public static JobTier Of(double threshold, double multiplier) => new() { Threshold = threshold, Multiplier = multiplier };

    /// <summary>The multiplier of the tier with the largest threshold at most <paramref name="amount"/> (tables start at 0).</summary>
    internal static double Lookup(IList<JobTier> tiers, double amount)
    {
        double multiplier = 1;
        foreach (var tier in tiers)
        {
            if (tier.Threshold > amount)
            {
                break;
            }
            multiplier = tier.Multiplier;
        }
        return multiplier;
    }
}
