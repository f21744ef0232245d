using Scoring.Weights;

namespace Pog.Validator;

/// <summary>What the validator would send to the chain at one block.</summary>
/// <param name="Block">The simulated block.</param>
/// <param name="Mode">Normal or burn.</param>
/// <param name="Uids">The uids weighted.</param>
/// <param name="Weights">Their float32 weights (L1-normalized).</param>
/// <param name="EmissionUids">The uids of the u16 emission (zeros dropped).</param>
/// <param name="Emission">The u16 values (max → 65535).</param>
public sealed record WeightSet(long Block, string Mode, IReadOnlyList<int> Uids, IReadOnlyList<float> Weights,
    IReadOnlyList<int> EmissionUids, IReadOnlyList<ushort> Emission)
{
    /// <summary>Builds the record from computed weights.</summary>
    public static WeightSet From(long block, SubnetWeights weights) => new(block, weights.Mode.ToString().ToLowerInvariant(),
        weights.Uids, weights.Weights, weights.Emission.Uids, weights.Emission.Values);
}
