namespace Scoring.Weights;

/// <summary>
/// Scores to weights the way a subnet validator does it before emission: negative scores clamped to 0, then an L1
/// normalization in float32 (<c>torch.nn.functional.normalize(scores, p=1, dim=0)</c> on a CPU float32 tensor).
/// </summary>
public static class WeightNormalization
{
    /// <summary>The lower bound of the L1 norm: PyTorch's default <c>eps = 1e-12</c> as a float32.</summary>
    public const float NormEpsilon = 1e-12f;

    /// <summary>
    /// Replaces every negative score with 0 (<c>scores[scores &lt; 0] = 0</c>). A negative zero is not below 0 and is
    /// kept, exactly as the reference does.
    /// </summary>
    /// <exception cref="ArgumentException">A score is NaN.</exception>
    public static float[] ClampNegatives(ReadOnlySpan<float> scores)
    {
        var result = new float[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            float s = scores[i];
            if (float.IsNaN(s))
            {
                throw new ArgumentException($"scores[{i}] is NaN; a score must be a number.", nameof(scores));
            }
            result[i] = s < 0f ? 0f : s;
        }
        return result;
    }

    /// <summary>
    /// L1-normalizes in float32: <c>norm</c> = Σ|s| accumulated sequentially from +0 in index order (PyTorch's CPU
    /// reduction for vectors under its 32768-element grain size), <c>denom = max(norm, 1e-12f)</c>, each weight
    /// <c>s / denom</c>. All-zero scores give all-zero weights.
    /// </summary>
    /// <exception cref="ArgumentException">A score is NaN or infinite.</exception>
    public static float[] L1Normalize(ReadOnlySpan<float> scores)
    {
        float norm = 0f;
        for (int i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i]))
            {
                throw new ArgumentException($"scores[{i}] is {scores[i]}; a score must be a finite number.", nameof(scores));
            }
            norm += Math.Abs(scores[i]);
        }
        float denom = Math.Max(norm, NormEpsilon);
        var weights = new float[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            weights[i] = scores[i] / denom;
        }
        return weights;
    }

    /// <summary>Clamp then L1-normalize: the validator's <c>set_weights</c> step from scores in uid order.</summary>
    public static float[] FromScores(ReadOnlySpan<float> scores) => L1Normalize(ClampNegatives(scores));
}
