using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// The kernel operations with no single vector instruction: table gathers, binary searches per lane for long
/// tables, tiers and <c>in</c> lists, and <c>%</c>. Each lane gets exactly the scalar reference's result.
/// </summary>
internal static class VectorLookups
{
    /// <summary>
    /// A symbol table as the kernel reads it: values by symbol id, NaN where absent, one extra NaN at the end that
    /// ids outside the table (batch-local strings) are redirected to. Allocated on the pinned heap so a hardware
    /// gather can address it without pinning per call.
    /// </summary>
    public static double[] PinnedDenseTable(IrTable table, int symbolCount)
    {
        var dense = table.ToDenseBySymbol(symbolCount);
        var pinned = GC.AllocateUninitializedArray<double>(dense.Length + 1, pinned: true);
        dense.CopyTo(pinned, 0);
        pinned[^1] = double.NaN;
        return pinned;
    }

    /// <summary><c>table[id]</c> per lane from a <see cref="PinnedDenseTable"/>: NaN for an absent id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector<double> GatherBySymbol(double[] pinnedDense, Vector<long> ids)
    {
        var absent = pinnedDense.Length - 1;
        var index = Vector.ConditionalSelect(Vector.LessThan(ids.As<long, ulong>(), new Vector<ulong>((ulong)absent)).As<ulong, long>(), ids, new Vector<long>(absent));
        ref var table = ref MemoryMarshal.GetArrayDataReference(pinnedDense);
        if (Vector<long>.Count == Vector256<long>.Count && Avx2.IsSupported)
        {
            return Avx2.GatherVector256((double*)Unsafe.AsPointer(ref table), index.AsVector256(), 8).AsVector();
        }
        Unsafe.SkipInit(out Vector<double> values);
        ref var lane = ref Unsafe.As<Vector<double>, double>(ref values);
        for (var k = 0; k < Vector<long>.Count; k++) Unsafe.Add(ref lane, k) = Unsafe.Add(ref table, (nint)index[k]);
        return values;
    }

    /// <summary><c>table[key]</c> per lane for an Int-keyed table; <paramref name="missing"/> marks absent keys (value 0).</summary>
    public static Vector<double> FindByKey(long[] keys, double[] values, Vector<long> key, out Vector<long> missing)
    {
        Unsafe.SkipInit(out Vector<double> found);
        Unsafe.SkipInit(out missing);
        ref var value = ref Unsafe.As<Vector<double>, double>(ref found);
        ref var absent = ref Unsafe.As<Vector<long>, long>(ref missing);
        for (var k = 0; k < Vector<long>.Count; k++)
        {
            var at = IrSemantics.Find(keys, key[k]);
            Unsafe.Add(ref value, k) = at >= 0 ? values[at] : 0.0;
            Unsafe.Add(ref absent, k) = at >= 0 ? 0L : -1L;
        }
        return found;
    }

    /// <summary><c>tier(x)</c> per lane by binary search; <paramref name="below"/> marks NaN and x below the first threshold (value <paramref name="fallback"/>).</summary>
    public static Vector<double> FindTier(double[] thresholds, double[] values, double fallback, Vector<double> x, out Vector<long> below)
    {
        Unsafe.SkipInit(out Vector<double> found);
        Unsafe.SkipInit(out below);
        ref var value = ref Unsafe.As<Vector<double>, double>(ref found);
        ref var under = ref Unsafe.As<Vector<long>, long>(ref below);
        for (var k = 0; k < Vector<double>.Count; k++)
        {
            var at = IrSemantics.FindTier(thresholds, x[k]);
            Unsafe.Add(ref value, k) = at >= 0 ? values[at] : fallback;
            Unsafe.Add(ref under, k) = at >= 0 ? 0L : -1L;
        }
        return found;
    }

    /// <summary><c>x in items</c> per lane by binary search (long lists).</summary>
    public static Vector<long> Contains(long[] items, Vector<long> x)
    {
        Unsafe.SkipInit(out Vector<long> found);
        ref var lane = ref Unsafe.As<Vector<long>, long>(ref found);
        for (var k = 0; k < Vector<long>.Count; k++) Unsafe.Add(ref lane, k) = IrSemantics.Contains(items, x[k]) ? -1L : 0L;
        return found;
    }

    /// <summary><c>x in items</c> per lane by binary search (long lists; IEEE <c>==</c>).</summary>
    public static Vector<long> Contains(double[] items, Vector<double> x)
    {
        Unsafe.SkipInit(out Vector<long> found);
        ref var lane = ref Unsafe.As<Vector<long>, long>(ref found);
        for (var k = 0; k < Vector<double>.Count; k++) Unsafe.Add(ref lane, k) = IrSemantics.Contains(items, x[k]) ? -1L : 0L;
        return found;
    }

    /// <summary>Truncated remainder lane by lane (no vector fmod exists); C# <c>%</c> is the IR's definition.</summary>
    public static Vector<double> Remainder(Vector<double> a, Vector<double> b)
    {
        Unsafe.SkipInit(out Vector<double> r);
        ref var lane = ref Unsafe.As<Vector<double>, double>(ref r);
        for (var k = 0; k < Vector<double>.Count; k++) Unsafe.Add(ref lane, k) = a[k] % b[k];
        return r;
    }
}
