namespace Scoring.Weights;

/// <summary>
/// Max-weight limiting for subnets whose chain enforces a largest weight: the Bittensor SDK's
/// <c>weight_utils.normalize_max_weight</c> (NumPy path, NumPy 2 type promotion), step for step in the same float32
/// and float64 operations so the result matches bit for bit.
/// </summary>
public static class MaxWeightLimit
{
    /// <summary>The reference's <c>epsilon = 1e-7</c> "for numerical stability after normalization".</summary>
    public const double Epsilon = 1e-7;

    /// <summary>
    /// Normalizes <paramref name="x"/> so that it sums to 1 and no value exceeds <paramref name="limit"/> (up to the
    /// reference's epsilon and float32 rounding). When every value is 0, or <c>n × limit ≤ 1</c> (the limit cannot be
    /// met), the result is uniform <c>1 / n</c>, as in the reference.
    /// </summary>
    /// <param name="x">Non-negative, finite float32 weights (any order; typically the non-zero weights in uid order).</param>
    /// <param name="limit">The largest allowed weight, in (0, 1].</param>
    /// <returns>A new vector in the same order as <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not in (0, 1].</exception>
    public static float[] Normalize(ReadOnlySpan<float> x, double limit)
    {
        if (!(limit > 0.0 && limit <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The max weight limit must be in (0, 1].");
        }
        for (int i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]) || x[i] < 0f)
            {
                throw new ArgumentException($"x[{i}] is {x[i]}; max-weight limiting needs finite non-negative weights.", nameof(x));
            }
        }
        int n = x.Length;
        if (n == 0)
        {
            return [];
        }

        float[] weights = x.ToArray();
        float[] values = x.ToArray();
        Array.Sort(values);

        // Python float `limit` meets float32 operands: NumPy 2 casts it to float32 (NEP 50, weak Python scalars).
        float limit32 = (float)limit;
        float epsilon32 = (float)Epsilon;

        if (NumpyFloat32.Sum(x) == 0f || n * limit <= 1.0)
        {
            float uniform = 1f / n;
            Array.Fill(weights, uniform);
            return weights;
        }

        float valuesSum = NumpyFloat32.Sum(values);
        var estimation = new float[n];
        float estimationMax = 0f;
        for (int i = 0; i < n; i++)
        {
            estimation[i] = values[i] / valuesSum;
            estimationMax = Math.Max(estimationMax, estimation[i]);
        }
        if (estimationMax <= limit32)
        {
            return DivideBySum(weights);
        }

        float[] cumsum = NumpyFloat32.CumulativeSum(estimation);
        int nValues = 0;
        for (int i = 0; i < n; i++)
        {
            // (len(values) - i - 1) * estimation[i]: a Python int times a float32 is float32.
            float estimationSum = (float)(n - i - 1) * estimation[i];
            float ratio = estimation[i] / ((estimationSum + cumsum[i]) + epsilon32);
            if (ratio < limit32)
            {
                nValues++;
            }
        }

        // cumsum[n_values - 1]: index -1 is the last element in Python.
        float cumulative = cumsum[nValues == 0 ? n - 1 : nValues - 1];
        float numerator = (limit32 * cumulative) - epsilon32;               // float32
        double denominator = 1.0 - (limit * (double)(n - nValues));        // Python float × NumPy int64 → float64
        double cutoffScale = (double)numerator / denominator;              // float32 / float64 → float64
        double cutoff = cutoffScale * (double)valuesSum;                   // float64 × float32 → float64

        for (int i = 0; i < n; i++)
        {
            // The comparison promotes to float64; the assignment rounds the cutoff to float32.
            if ((double)weights[i] > cutoff)
            {
                weights[i] = (float)cutoff;
            }
        }
        return DivideBySum(weights);
    }

    private static float[] DivideBySum(float[] weights)
    {
        float sum = NumpyFloat32.Sum(weights);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }
        return weights;
    }
}
