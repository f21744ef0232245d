namespace Scoring.Weights;

/// <summary>How a validator turns its scores into weights.</summary>
public sealed class WeightSettings
{
    /// <summary>
    /// Burn mode: when set, 100 % of the weight goes to this uid (typically the subnet owner's) and the scores are
    /// ignored. Emits <c>[uid] → [65535]</c>.
    /// </summary>
    public int? BurnUid { get; set; }

    /// <summary>
    /// When set, the largest weight the chain allows, in (0, 1]: the non-zero weights are passed through
    /// <see cref="MaxWeightLimit.Normalize"/> before emission.
    /// </summary>
    public double? MaxWeight { get; set; }
}
