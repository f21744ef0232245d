namespace Scoring.Weights;

/// <summary>
/// Float32 weights to the chain's u16 values, as the Bittensor SDK's
/// <c>weight_utils.convert_weights_and_uids_for_emit</c> does: each weight is widened to double, divided by the
/// largest weight, multiplied by 65535 and rounded half to even; pairs whose value rounds to 0 are dropped.
/// </summary>
public static class U16Emission
{
    /// <summary>The value the largest weight emits.</summary>
    public const ushort MaxValue = ushort.MaxValue;

    /// <summary>The largest uid the chain can address (uids are u16 on chain).</summary>
    public const int MaxUid = ushort.MaxValue;

    /// <summary>Converts weights to u16 values.</summary>
    /// <param name="uids">Destination uids, one per weight, each in 0..65535.</param>
    /// <param name="weights">Non-negative, finite float32 weights.</param>
    /// <returns>The kept (uid, value) pairs in input order; <see cref="EmittedWeights.None"/> when all weights are 0.</returns>
    /// <exception cref="ArgumentException">
    /// The inputs are empty, their lengths differ, a weight is negative, NaN or infinite, or a uid is negative or above 65535.
    /// </exception>
    public static EmittedWeights Emit(ReadOnlySpan<int> uids, ReadOnlySpan<float> weights)
    {
        if (uids.Length != weights.Length)
        {
            throw new ArgumentException(
                $"uids and weights must have the same length, got {uids.Length} uids and {weights.Length} weights.", nameof(weights));
        }
        if (weights.Length == 0)
        {
            throw new ArgumentException("There are no weights to emit (the uid and weight lists are empty).", nameof(weights));
        }
        int maxIndex = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            if (!float.IsFinite(w))
            {
                throw new ArgumentException($"weights[{i}] is {w}; a weight must be a finite number.", nameof(weights));
            }
            if (w < 0f)
            {
                throw new ArgumentException($"weights[{i}] is negative ({w}); a negative weight cannot exist on chain.", nameof(weights));
            }
            if (uids[i] < 0)
            {
                throw new ArgumentException($"uids[{i}] is negative ({uids[i]}); a negative uid cannot exist on chain.", nameof(uids));
            }
            if (uids[i] > MaxUid)
            {
                throw new ArgumentException($"uids[{i}] is {uids[i]}, above the largest chain uid {MaxUid}.", nameof(uids));
            }
            // The first maximum, as Python's max(); equal maxima give the same value anyway.
            if (w > 0f && (maxIndex < 0 || w > weights[maxIndex]))
            {
                maxIndex = i;
            }
        }
        if (maxIndex < 0)
        {
            return EmittedWeights.None; // all zero: nothing to set on chain
        }

        double maxWeight = weights[maxIndex];
        var keptUids = new List<int>(weights.Length);
        var keptValues = new List<ushort>(weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            ushort value = ToU16(weights[i], maxWeight);
            if (value != 0)
            {
                keptUids.Add(uids[i]);
                keptValues.Add(value);
            }
        }
        return new EmittedWeights(keptUids, keptValues);
    }

    /// <summary>
    /// One weight's u16 value: <c>round((double)w / maxWeight × 65535)</c>, two double operations in that order,
    /// rounded half to even (Python's <c>round</c>).
    /// </summary>
    /// <param name="weight">The weight, 0 ≤ weight ≤ maxWeight.</param>
    /// <param name="maxWeight">The largest weight of the vector, widened to double, &gt; 0.</param>
    internal static ushort ToU16(float weight, double maxWeight)
    {
        double ratio = (double)weight / maxWeight;
        double scaled = ratio * MaxValue;
        return (ushort)Math.Round(scaled, MidpointRounding.ToEven);
    }
}
