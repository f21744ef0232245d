namespace Scoring.Weights;

/// <summary>
/// A validator's full weight step: scores in uid order → clamp → float32 L1 normalization → optional max-weight
/// limiting → u16 emission; or burn mode.
/// </summary>
/// <param name="Mode">Scores or burn.</param>
/// <param name="Uids">The uids in ascending order (burn mode: the burn uid alone).</param>
/// <param name="Weights">The float32 weight of each uid in <paramref name="Uids"/>.</param>
/// <param name="Emission">The chain representation: kept uids and their u16 values.</param>
public sealed record SubnetWeights(WeightMode Mode, IReadOnlyList<int> Uids, IReadOnlyList<float> Weights, EmittedWeights Emission)
{
    /// <summary>
    /// Computes weights from float32 scores. The (uid, score) pairs may come in any order; they are put in ascending
    /// uid order first, because the float32 norm is accumulated in uid order.
    /// </summary>
    /// <param name="uids">Distinct uids in 0..65535.</param>
    /// <param name="scores">One finite score per uid; negative scores count as 0.</param>
    /// <param name="settings">Burn uid and max weight; null for neither.</param>
    /// <exception cref="ArgumentException">
    /// Empty input, lengths that differ, a uid out of range or repeated, a NaN or infinite score, or an invalid
    /// burn uid or max weight.
    /// </exception>
    public static SubnetWeights Compute(ReadOnlySpan<int> uids, ReadOnlySpan<float> scores, WeightSettings? settings = null)
    {
        settings ??= new WeightSettings();
        if (settings.BurnUid is int burnUid)
        {
            ValidateUid(burnUid, -1);
            // normalize([1.0]) is exactly [1.0]; emission of a single positive weight is [65535].
            int[] burnUids = [burnUid];
            float[] burnWeights = WeightNormalization.FromScores([1f]);
            return new SubnetWeights(WeightMode.Burn, burnUids, burnWeights, U16Emission.Emit(burnUids, burnWeights));
        }

        if (uids.Length != scores.Length)
        {
            throw new ArgumentException(
                $"uids and scores must have the same length, got {uids.Length} uids and {scores.Length} scores.", nameof(scores));
        }
        if (uids.Length == 0)
        {
            throw new ArgumentException("There are no scores (the uid and score lists are empty).", nameof(scores));
        }
        if (settings.MaxWeight is double limit && !(limit > 0.0 && limit <= 1.0))
        {
            throw new ArgumentException($"The max weight must be in (0, 1], got {limit}.", nameof(settings));
        }

        int[] order = new int[uids.Length];
        for (int i = 0; i < order.Length; i++)
        {
            ValidateUid(uids[i], i);
            if (!float.IsFinite(scores[i]))
            {
                throw new ArgumentException($"scores[{i}] (uid {uids[i]}) is {scores[i]}; a score must be a finite number.", nameof(scores));
            }
            order[i] = i;
        }
        int[] sortedUids = uids.ToArray();
        Array.Sort(sortedUids, order);
        for (int i = 1; i < sortedUids.Length; i++)
        {
            if (sortedUids[i] == sortedUids[i - 1])
            {
                throw new ArgumentException($"uid {sortedUids[i]} appears more than once; each uid gets one score.", nameof(uids));
            }
        }
        var sortedScores = new float[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sortedScores[i] = scores[order[i]];
        }

        float[] weights = WeightNormalization.FromScores(sortedScores);
        if (settings.MaxWeight is double maxWeight)
        {
            LimitNonZero(weights, maxWeight);
        }
        return new SubnetWeights(WeightMode.Scores, sortedUids, weights, U16Emission.Emit(sortedUids, weights));
    }

    /// <summary>
    /// Computes weights from double scores (a validator's Python floats), each rounded to float32 first as the
    /// validator's float32 score tensor does.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Compute(ReadOnlySpan{int}, ReadOnlySpan{float}, WeightSettings?)"/>, and a score beyond the float32 range.</exception>
    public static SubnetWeights Compute(ReadOnlySpan<int> uids, ReadOnlySpan<double> scores, WeightSettings? settings = null)
    {
        var narrowed = new float[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"scores[{i}] is {scores[i]}; a score must be a finite number.", nameof(scores));
            }
            narrowed[i] = (float)scores[i];
            if (!float.IsFinite(narrowed[i]))
            {
                throw new ArgumentException($"scores[{i}] is {scores[i]}, beyond the float32 range of weights.", nameof(scores));
            }
        }
        return Compute(uids, narrowed, settings);
    }

    /// <summary>
    /// Max-weight limiting over the non-zero weights only (zeros stay 0), as the SDK's <c>process_weights</c> does with
    /// <c>exclude_quantile = 0</c> before <c>normalize_max_weight</c>.
    /// </summary>
    private static void LimitNonZero(float[] weights, double limit)
    {
        var nonZeroIndex = new List<int>(weights.Length);
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0f)
            {
                nonZeroIndex.Add(i);
            }
        }
        if (nonZeroIndex.Count == 0)
        {
            return;
        }
        var nonZero = new float[nonZeroIndex.Count];
        for (int k = 0; k < nonZero.Length; k++)
        {
            nonZero[k] = weights[nonZeroIndex[k]];
        }
        float[] limited = MaxWeightLimit.Normalize(nonZero, limit);
        for (int k = 0; k < limited.Length; k++)
        {
            weights[nonZeroIndex[k]] = limited[k];
        }
    }

    /// <summary>Checks a uid; <paramref name="index"/> is its position in the input, -1 for the burn uid.</summary>
    private static void ValidateUid(int uid, int index)
    {
        if (uid >= 0 && uid <= U16Emission.MaxUid)
        {
            return;
        }
        string what = index < 0 ? "burn uid" : $"uids[{index}]";
        throw uid < 0
            ? new ArgumentException($"The {what} is negative ({uid}); a negative uid cannot exist on chain.", what)
            : new ArgumentException($"The {what} is {uid}, above the largest chain uid {U16Emission.MaxUid}.", what);
    }
}
