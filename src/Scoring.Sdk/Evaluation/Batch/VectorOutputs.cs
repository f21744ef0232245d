using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// The conversion and stores of a rule program's outputs for <see cref="SimdKernelCompiler"/> when it has more than
/// one output or a double output (one points output goes through the fused <see cref="VectorColumns.StoreResults"/>).
/// Outputs are converted in output order, each recording its error only in lanes without an earlier one, so a row's
/// error is the scalar reference's; values are stored last, zeroed in lanes that ended with an error. The same
/// preconditions as <see cref="VectorColumns"/>: every array covers <c>row + Vector&lt;long&gt;.Count</c> elements.
/// </summary>
internal static class VectorOutputs
{
    /// <summary><c>round-half-to-even(value × 1e6)</c> per lane, as <see cref="PointsConversion.TryToUnits"/> computes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ScaleToUnits(Vector<double> value) =>
        Vector.Round(value * new Vector<double>(PointsConversion.UnitsPerPoint));

    /// <summary>
    /// The row errors after converting a points output: <see cref="EvaluationError.NonFiniteOutput"/> where
    /// <paramref name="value"/> is NaN/±∞, else <see cref="EvaluationError.PointsOutOfRange"/> where
    /// <paramref name="scaled"/> (from <see cref="ScaleToUnits"/>) is outside <c>[-2^63, 2^63)</c>; only in lanes without an error yet.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> RaisePoints(Vector<long> error, Vector<double> value, Vector<double> scaled)
    {
        var finite = Vector.Equals(value - value, Vector<double>.Zero); // inf - inf and NaN - NaN are NaN
        var inRange = Vector.GreaterThanOrEqual(scaled, new Vector<double>(-PointsConversion.Limit)) & Vector.LessThan(scaled, new Vector<double>(PointsConversion.Limit));
        var none = Vector.Equals(error, Vector<long>.Zero);
        error = Vector.ConditionalSelect(none & ~finite, new Vector<long>((long)EvaluationError.NonFiniteOutput), error);
        return Vector.ConditionalSelect(none & finite & ~inRange, new Vector<long>((long)EvaluationError.PointsOutOfRange), error);
    }

    /// <summary>The units of in-range lanes of <paramref name="scaled"/>; 0 elsewhere (only in-range integral values are converted).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> Units(Vector<double> scaled)
    {
        var inRange = Vector.GreaterThanOrEqual(scaled, new Vector<double>(-PointsConversion.Limit)) & Vector.LessThan(scaled, new Vector<double>(PointsConversion.Limit));
        return Vector.ConvertToInt64(Vector.ConditionalSelect(inRange, scaled, Vector<double>.Zero));
    }

    /// <summary>The row errors after converting a double output: <see cref="EvaluationError.NonFiniteOutput"/> where it is NaN/±∞, only in lanes without an error yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> RaiseNonFinite(Vector<long> error, Vector<double> value)
    {
        var finite = Vector.Equals(value - value, Vector<double>.Zero);
        return Vector.ConditionalSelect(Vector.Equals(error, Vector<long>.Zero) & ~finite, new Vector<long>((long)EvaluationError.NonFiniteOutput), error);
    }

    /// <summary>A double output's value: the raw IEEE bits of each lane (no rounding; -0.0 stays -0.0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> Bits(Vector<double> value) => value.As<double, long>();

    /// <summary>Stores one output's values of the rows, 0 in rows with an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreValues(Vector<long> value, Vector<long> error, long[] output, int row) =>
        (value & Vector.Equals(error, Vector<long>.Zero)).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(output), (nuint)row);

    /// <summary>Stores the rows' error codes (one byte each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreErrors(Vector<long> error, EvaluationError[] errors, int row)
    {
        ref var codes = ref Unsafe.Add(ref Unsafe.As<EvaluationError, byte>(ref MemoryMarshal.GetArrayDataReference(errors)), row);
        if (Vector<long>.Count == 4 && error == Vector<long>.Zero)
        {
            Unsafe.WriteUnaligned(ref codes, 0u); // the common case: four rows without error in one store
            return;
        }
        for (var k = 0; k < Vector<long>.Count; k++) Unsafe.Add(ref codes, k) = (byte)error[k];
    }
}
