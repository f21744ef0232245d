using System.Numerics;
using System.Runtime.CompilerServices;

namespace Scoring.Evaluation.Batch;

/// <summary>Selects and error recording on lane masks (0 = false, all ones = true per 64-bit lane), for <see cref="SimdKernelCompiler"/>.</summary>
internal static class VectorMasks
{
    /// <summary><c>mask ? whenTrue : whenFalse</c> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Select(Vector<long> mask, Vector<double> whenTrue, Vector<double> whenFalse) =>
        Vector.ConditionalSelect(mask.As<long, double>(), whenTrue, whenFalse);

    /// <summary><c>mask ? whenTrue : whenFalse</c> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> Select(Vector<long> mask, Vector<long> whenTrue, Vector<long> whenFalse) =>
        Vector.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <summary>
    /// The row errors after recording <paramref name="code"/> in the lanes where <paramref name="failed"/> is set and no
    /// earlier error was recorded: the first error in evaluation order wins, as in the scalar reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<long> Raise(Vector<long> errors, Vector<long> failed, Vector<long> code) =>
        Vector.ConditionalSelect(failed & Vector.Equals(errors, Vector<long>.Zero), code, errors);
}
