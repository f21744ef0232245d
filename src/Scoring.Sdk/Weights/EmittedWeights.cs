namespace Scoring.Weights;

/// <summary>
/// Weights in the chain's representation: the uids that receive weight and their u16 values, in uid order, with the
/// largest weight at 65535 and zero values left out.
/// </summary>
/// <param name="Uids">The destination uids, one per value.</param>
/// <param name="Values">The u16 weight values, none of them 0.</param>
public sealed record EmittedWeights(IReadOnlyList<int> Uids, IReadOnlyList<ushort> Values)
{
    /// <summary>Nothing to set on chain (all weights were zero).</summary>
    public static EmittedWeights None { get; } = new([], []);

    /// <summary>Whether there is nothing to set on chain.</summary>
    public bool IsEmpty => Uids.Count == 0;
}
