namespace Scoring.Weights;

/// <summary>
/// The float32 reductions of NumPy that the reference weight code relies on, reproduced step for step so that
/// results match bit for bit. Each operation on <see cref="float"/> in .NET is a single IEEE-754 binary32 operation
/// (SSE/AVX scalar, no extended precision, no contraction), which is what NumPy's C loops do.
/// </summary>
internal static class NumpyFloat32
{
    // numpy/_core/src/umath/loops_utils.h.src: PW_BLOCKSIZE.
    private const int PairwiseBlockSize = 128;

    /// <summary>
    /// <c>np.sum</c> of a contiguous float32 vector: NumPy's pairwise summation (8 accumulators inside blocks of at
    /// most 128, halves split at a multiple of 8). The reduction's identity (±0) added in front changes nothing for
    /// the non-negative vectors used here.
    /// </summary>
    public static float Sum(ReadOnlySpan<float> a)
    {
        if (a.Length < 8)
        {
            float res = -0.0f;
            for (int i = 0; i < a.Length; i++)
            {
                res += a[i];
            }
            return res;
        }
        if (a.Length <= PairwiseBlockSize)
        {
            float r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int n = a.Length;
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }
            return res;
        }
        int n2 = a.Length / 2;
        n2 -= n2 % 8;
        return Sum(a[..n2]) + Sum(a[n2..]);
    }

    /// <summary><c>np.cumsum</c> of a float32 vector: a sequential running sum in float32.</summary>
    public static float[] CumulativeSum(ReadOnlySpan<float> a)
    {
        var result = new float[a.Length];
        float acc = 0f;
        for (int i = 0; i < a.Length; i++)
        {
            acc = i == 0 ? a[0] : acc + a[i];
            result[i] = acc;
        }
        return result;
    }
}
