namespace Scoring.Weights;

/// <summary>Where the weights of a <see cref="SubnetWeights"/> result came from.</summary>
public enum WeightMode
{
    /// <summary>Normalized from the scores.</summary>
    Scores,

    /// <summary>All weight to the burn uid.</summary>
    Burn,
}
