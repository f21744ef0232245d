using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// Reads one vector of rows from a batch column and writes one vector of results, for <see cref="SimdKernelCompiler"/>.
/// The kernel's caller guarantees that every array holds at least <c>row + Vector&lt;long&gt;.Count</c> elements
/// (<see cref="SimdBatchEvaluator"/> checks it per batch), so loads and stores skip per-element bounds checks.
/// </summary>
internal static class VectorColumns
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> LoadDoubles(double[] column, int row) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> LoadLongs(long[] column, int row) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)row);

    /// <summary>Symbol ids (<c>int</c>) sign-extended to 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> LoadSymbols(int[] column, int row)
    {
        ref var ids = ref MemoryMarshal.GetArrayDataReference(column);
        if (Vector<long>.Count == Vector256<long>.Count && Avx2.IsSupported)
        {
            return Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref ids, (nuint)row)).AsVector();
        }
        if (Vector<long>.Count == Vector512<long>.Count && Avx512F.IsSupported)
        {
            return Avx512F.ConvertToVector512Int64(Vector256.LoadUnsafe(ref ids, (nuint)row)).AsVector();
        }
        Unsafe.SkipInit(out Vector<long> lanes);
        ref var lane = ref Unsafe.As<Vector<long>, long>(ref lanes);
        for (var k = 0; k < Vector<long>.Count; k++) Unsafe.Add(ref lane, k) = Unsafe.Add(ref ids, row + k);
        return lanes;
    }

    /// <summary>A <c>bool[]</c> column as masks (0 / all ones).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> LoadBools(bool[] column, int row)
    {
        ref var flags = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetArrayDataReference(column));
        Vector<long> widened;
        if (Vector<long>.Count == Vector256<long>.Count && Avx2.IsSupported)
        {
            widened = Avx2.ConvertToVector256Int64(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref flags, row))).AsByte()).AsVector();
        }
        else
        {
            Unsafe.SkipInit(out widened);
            ref var lane = ref Unsafe.As<Vector<long>, long>(ref widened);
            for (var k = 0; k < Vector<long>.Count; k++) Unsafe.Add(ref lane, k) = Unsafe.Add(ref flags, row + k);
        }
        return ~Vector.Equals(widened, Vector<long>.Zero);
    }

    /// <summary>
    /// Converts the output to micro-points exactly like <see cref="PointsConversion.TryToUnits"/> (finite check,
    /// <c>round-half-to-even(v * 1e6)</c>, range check against ±2^63, then the integer) and stores units and error
    /// codes of the rows: 0 units for a row with an error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreResults(Vector<double> value, Vector<long> error, long[] units, EvaluationError[] errors, int row)
    {
        // constants built in place rather than read from static fields: the compiled kernel would check the class
        // initializer on every vector of rows
        var finite = Vector.Equals(value - value, Vector<double>.Zero); // inf - inf and NaN - NaN are NaN
        var rounded = Vector.Round(value * new Vector<double>(PointsConversion.UnitsPerPoint)); // ties to even, like Math.Round(x, MidpointRounding.ToEven)
        var inRange = Vector.GreaterThanOrEqual(rounded, new Vector<double>(-PointsConversion.Limit)) & Vector.LessThan(rounded, new Vector<double>(PointsConversion.Limit));
        var none = Vector.Equals(error, Vector<long>.Zero);
        error = Vector.ConditionalSelect(none & ~finite, new Vector<long>((long)EvaluationError.NonFiniteOutput), error);
        error = Vector.ConditionalSelect(none & finite & ~inRange, new Vector<long>((long)EvaluationError.PointsOutOfRange), error);
        var ok = Vector.Equals(error, Vector<long>.Zero);
        // lanes that failed may hold any double; only in-range integral values are converted
        var safe = Vector.ConditionalSelect(ok, rounded, Vector<double>.Zero);
        (Vector.ConvertToInt64(safe) & ok).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(units), (nuint)row);

        ref var codes = ref Unsafe.Add(ref Unsafe.As<EvaluationError, byte>(ref MemoryMarshal.GetArrayDataReference(errors)), row);
        if (Vector<long>.Count == 4 && error == Vector<long>.Zero)
        {
            Unsafe.WriteUnaligned(ref codes, 0u); // the common case: four rows without error in one store
            return;
        }
        for (var k = 0; k < Vector<long>.Count; k++) Unsafe.Add(ref codes, k) = (byte)error[k];
    }
}
