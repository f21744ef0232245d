using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scoring.Evaluation.Batch;

/// <summary>A lane-wise operation on one vector (the JIT specializes the loops below per operation struct).</summary>
internal interface IVectorUnary<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    static abstract Vector<TOut> Apply(Vector<TIn> x);
}

/// <summary>A lane-wise operation on two vectors.</summary>
internal interface IVectorBinary<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    static abstract Vector<TOut> Apply(Vector<TIn> a, Vector<TIn> b);
}

/// <summary>
/// Loops that apply a vector operation over spans. The remainder (fewer lanes than a vector) is copied into a
/// zero-padded vector and computed with the same vector operation, so a row's bits never depend on whether it sat in
/// a full vector or in the tail; the padding lanes' results are dropped.
/// </summary>
internal static class VectorLoops
{
    public static void Map<TOp, TIn, TOut>(ReadOnlySpan<TIn> x, Span<TOut> result)
        where TOp : IVectorUnary<TIn, TOut>
        where TIn : unmanaged
        where TOut : unmanaged
    {
        int n = result.Length, w = Vector<TIn>.Count, i = 0;
        ref TIn rx = ref MemoryMarshal.GetReference(x);
        ref TOut rr = ref MemoryMarshal.GetReference(result);
        for (; i <= n - w; i += w)
        {
            TOp.Apply(Vector.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
        }
        if (i < n)
        {
            StoreTail(TOp.Apply(LoadTail(x, i)), result, i);
        }
    }

    public static void Map<TOp, TIn, TOut>(ReadOnlySpan<TIn> a, ReadOnlySpan<TIn> b, Span<TOut> result)
        where TOp : IVectorBinary<TIn, TOut>
        where TIn : unmanaged
        where TOut : unmanaged
    {
        int n = result.Length, w = Vector<TIn>.Count, i = 0;
        ref TIn ra = ref MemoryMarshal.GetReference(a);
        ref TIn rb = ref MemoryMarshal.GetReference(b);
        ref TOut rr = ref MemoryMarshal.GetReference(result);
        for (; i <= n - w; i += w)
        {
            TOp.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
        }
        if (i < n)
        {
            StoreTail(TOp.Apply(LoadTail(a, i), LoadTail(b, i)), result, i);
        }
    }

    /// <summary><c>result = mask ? whenTrue : whenFalse</c> lane by lane (masks are 0 or all ones).</summary>
    public static void Select<T>(ReadOnlySpan<long> mask, ReadOnlySpan<T> whenTrue, ReadOnlySpan<T> whenFalse, Span<T> result)
        where T : unmanaged
    {
        int n = result.Length, w = Vector<T>.Count, i = 0;
        ref long rm = ref MemoryMarshal.GetReference(mask);
        ref T rt = ref MemoryMarshal.GetReference(whenTrue);
        ref T rf = ref MemoryMarshal.GetReference(whenFalse);
        ref T rr = ref MemoryMarshal.GetReference(result);
        for (; i <= n - w; i += w)
        {
            Vector.ConditionalSelect(Vector.LoadUnsafe(ref rm, (nuint)i).As<long, T>(), Vector.LoadUnsafe(ref rt, (nuint)i), Vector.LoadUnsafe(ref rf, (nuint)i))
                .StoreUnsafe(ref rr, (nuint)i);
        }
        if (i < n)
        {
            StoreTail(Vector.ConditionalSelect(LoadTail(mask, i).As<long, T>(), LoadTail(whenTrue, i), LoadTail(whenFalse, i)), result, i);
        }
    }

    /// <summary>
    /// Records <paramref name="code"/> in <paramref name="errors"/> for lanes where <paramref name="failed"/> is set,
    /// the lane is <paramref name="active"/> (empty: every lane) and no earlier error was recorded (first error wins).
    /// </summary>
    public static void Raise(ReadOnlySpan<long> failed, ReadOnlySpan<long> active, Span<long> errors, EvaluationError code)
    {
        int n = errors.Length, w = Vector<long>.Count, i = 0;
        var value = new Vector<long>((long)code);
        bool all = active.IsEmpty;
        ref long rf = ref MemoryMarshal.GetReference(failed);
        ref long ra = ref MemoryMarshal.GetReference(active);
        ref long re = ref MemoryMarshal.GetReference(errors);
        for (; i <= n - w; i += w)
        {
            var f = Vector.LoadUnsafe(ref rf, (nuint)i);
            if (!all) f &= Vector.LoadUnsafe(ref ra, (nuint)i);
            if (f == Vector<long>.Zero) continue;
            var e = Vector.LoadUnsafe(ref re, (nuint)i);
            Vector.ConditionalSelect(f & Vector.Equals(e, Vector<long>.Zero), value, e).StoreUnsafe(ref re, (nuint)i);
        }
        for (; i < n; i++)
        {
            if (failed[i] != 0 && (all || active[i] != 0) && errors[i] == 0) errors[i] = (long)code;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> LoadTail<T>(ReadOnlySpan<T> source, int start)
        where T : unmanaged
    {
        Span<T> padded = stackalloc T[Vector<T>.Count];
        padded.Clear();
        source[start..].CopyTo(padded);
        return new Vector<T>(padded);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail<T>(Vector<T> value, Span<T> destination, int start)
        where T : unmanaged
    {
        Span<T> padded = stackalloc T[Vector<T>.Count];
        value.CopyTo(padded);
        padded[..(destination.Length - start)].CopyTo(destination[start..]);
    }
}
