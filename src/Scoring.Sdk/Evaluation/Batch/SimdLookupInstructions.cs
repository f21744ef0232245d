using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// <c>value in [..]</c>: for up to <see cref="VectorItems"/> items one vector compare per item (OR of the masks), else a
/// binary search per row. Double items follow IEEE <c>==</c> (NaN is in no list; -0.0 matches 0.0) either way.
/// </summary>
internal sealed class MembershipInstruction<T>(SimdOperand value, T[] items, SimdOperand result) : SimdInstruction
    where T : unmanaged
{
    public const int VectorItems = 16;

    public override void Execute(SimdFrame frame)
    {
        var x = frame.Read<T>(value);
        var r = frame.Write<long>(result);
        if (items.Length > VectorItems)
        {
            for (var i = 0; i < r.Length; i++) r[i] = Contains(x[i]) ? -1L : 0L;
            return;
        }
        int n = r.Length, w = Vector<T>.Count, at = 0;
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref long rr = ref MemoryMarshal.GetReference(r);
        for (; at <= n - w; at += w)
        {
            Any(Vector.LoadUnsafe(ref rx, (nuint)at)).StoreUnsafe(ref rr, (nuint)at);
        }
        if (at < n) VectorLoops.StoreTail(Any(VectorLoops.LoadTail(x, at)), r, at);
    }

    private Vector<long> Any(Vector<T> lanes)
    {
        var found = Vector<long>.Zero;
        foreach (var item in items) found |= Vector.Equals(lanes, new Vector<T>(item)).As<T, long>();
        return found;
    }

    private bool Contains(T x) => typeof(T) == typeof(double)
        ? IrSemantics.Contains((double[])(object)items, (double)(object)x)
        : IrSemantics.Contains((long[])(object)items, (long)(object)x);
}

/// <summary>
/// <c>table[key]</c> for a Symbol-keyed table: a gather from the dense by-id array (NaN marks absent ids; ids outside
/// it are absent too) in a tight loop, then one vector pass that replaces absent values by the default or records
/// <c>MissingTableKey</c> for active rows.
/// </summary>
internal sealed class SymbolTableInstruction(SimdOperand key, double[] dense, double? fallback, SimdOperand result, SimdOperand scratch, int active) : SimdInstruction
{
    public override void Execute(SimdFrame frame)
    {
        var ids = frame.Read<long>(key);
        var r = frame.Write<double>(result);
        ref var table = ref MemoryMarshal.GetArrayDataReference(dense);
        var length = (ulong)dense.Length;
        for (var i = 0; i < r.Length; i++)
        {
            var id = (ulong)ids[i];
            r[i] = id < length ? Unsafe.Add(ref table, (nint)id) : double.NaN;
        }
        if (fallback is { } d)
        {
            var fill = new Vector<double>(d);
            int n = r.Length, w = Vector<double>.Count, at = 0;
            ref var rr = ref MemoryMarshal.GetReference(r);
            for (; at <= n - w; at += w)
            {
                var v = Vector.LoadUnsafe(ref rr, (nuint)at);
                Vector.ConditionalSelect(Vector.Equals(v, v), v, fill).StoreUnsafe(ref rr, (nuint)at);
            }
            for (; at < n; at++)
            {
                if (double.IsNaN(r[at])) r[at] = d;
            }
            return;
        }
        var missing = frame.Write<long>(scratch);
        VectorLoops.Map<IsNaNOp, double, long>(r, missing);
        VectorLoops.Raise(missing, frame.Mask(active), frame.Errors.AsSpan(0, frame.Length), EvaluationError.MissingTableKey);
    }
}

/// <summary><c>table[key]</c> for an Int-keyed table: a binary search per row.</summary>
internal sealed class IntTableInstruction(SimdOperand key, long[] keys, double[] values, double? fallback, SimdOperand result, int active) : SimdInstruction
{
    public override void Execute(SimdFrame frame)
    {
        var k = frame.Read<long>(key);
        var r = frame.Write<double>(result);
        var activeRows = frame.Mask(active);
        var errors = frame.Errors;
        for (var i = 0; i < r.Length; i++)
        {
            var at = IrSemantics.Find(keys, k[i]);
            if (at >= 0)
            {
                r[i] = values[at];
                continue;
            }
            r[i] = fallback ?? 0.0;
            if (fallback is null && errors[i] == 0 && (activeRows.IsEmpty || activeRows[i] != 0)) errors[i] = (long)EvaluationError.MissingTableKey;
        }
    }
}

/// <summary>
/// <c>tier(t, x)</c>: for up to <see cref="VectorTiers"/> thresholds a chain of vector selects (thresholds increase,
/// so the last one ≤ x wins), else a binary search per row. NaN and x below the first threshold → the default, or
/// <c>BelowFirstTier</c> for active rows.
/// </summary>
internal sealed class TierInstruction(SimdOperand value, double[] thresholds, double[] values, double? fallback, SimdOperand result, SimdOperand scratch, int active) : SimdInstruction
{
    public const int VectorTiers = 16;

    public override void Execute(SimdFrame frame)
    {
        var x = frame.Read<double>(value);
        var r = frame.Write<double>(result);
        var below = frame.Write<long>(scratch);
        if (thresholds.Length <= VectorTiers)
        {
            int n = r.Length, w = Vector<double>.Count, at = 0;
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double rr = ref MemoryMarshal.GetReference(r);
            ref long rb = ref MemoryMarshal.GetReference(below);
            for (; at <= n - w; at += w)
            {
                var (v, b) = Lookup(Vector.LoadUnsafe(ref rx, (nuint)at));
                v.StoreUnsafe(ref rr, (nuint)at);
                b.StoreUnsafe(ref rb, (nuint)at);
            }
            if (at < n)
            {
                var (v, b) = Lookup(VectorLoops.LoadTail(x, at));
                VectorLoops.StoreTail(v, r, at);
                VectorLoops.StoreTail(b, below, at);
            }
        }
        else
        {
            for (var i = 0; i < r.Length; i++)
            {
                var at = IrSemantics.FindTier(thresholds, x[i]);
                r[i] = at >= 0 ? values[at] : fallback ?? 0.0;
                below[i] = at >= 0 ? 0L : -1L;
            }
        }
        if (fallback is null) VectorLoops.Raise(below, frame.Mask(active), frame.Errors.AsSpan(0, frame.Length), EvaluationError.BelowFirstTier);
    }

    private (Vector<double> Value, Vector<long> Below) Lookup(Vector<double> x)
    {
        var v = new Vector<double>(fallback ?? 0.0);
        for (var t = 0; t < thresholds.Length; t++)
        {
            v = Vector.ConditionalSelect(Vector.LessThanOrEqual(new Vector<double>(thresholds[t]), x), new Vector<double>(values[t]), v);
        }
        // NaN compares false with every threshold, so it is "below" like in the scalar search
        return (v, ~Vector.LessThanOrEqual(new Vector<double>(thresholds[0]), x));
    }
}

/// <summary>
/// Converts the output slot to micro-points exactly like <see cref="PointsConversion.TryToUnits"/>: finite check,
/// <c>round-half-to-even(v * 1e6)</c>, range check against ±2^63, then the integer; writes units and error codes.
/// </summary>
internal sealed class OutputInstruction(SimdOperand output) : SimdInstruction
{
    private static readonly Vector<double> Scale = new(PointsConversion.UnitsPerPoint);
    private static readonly Vector<double> Limit = new(PointsConversion.Limit);
    private static readonly Vector<double> MinusLimit = new(-PointsConversion.Limit);

    public override void Execute(SimdFrame frame)
    {
        var v = frame.Read<double>(output);
        var errors = frame.Errors.AsSpan(0, frame.Length);
        var units = frame.UnitsOut.AsSpan(frame.Start, frame.Length);
        var codes = frame.ErrorsOut.AsSpan(frame.Start, frame.Length);
        int n = units.Length, w = Vector<double>.Count, at = 0;
        ref double rv = ref MemoryMarshal.GetReference(v);
        ref long re = ref MemoryMarshal.GetReference(errors);
        ref long ru = ref MemoryMarshal.GetReference(units);
        for (; at <= n - w; at += w)
        {
            var (u, e) = Convert(Vector.LoadUnsafe(ref rv, (nuint)at), Vector.LoadUnsafe(ref re, (nuint)at));
            u.StoreUnsafe(ref ru, (nuint)at);
            e.StoreUnsafe(ref re, (nuint)at);
        }
        if (at < n)
        {
            var (u, e) = Convert(VectorLoops.LoadTail(v, at), VectorLoops.LoadTail<long>(errors, at));
            VectorLoops.StoreTail(u, units, at);
            VectorLoops.StoreTail(e, errors, at);
        }
        for (var i = 0; i < n; i++) codes[i] = (EvaluationError)errors[i];
    }

    private static (Vector<long> Units, Vector<long> Error) Convert(Vector<double> value, Vector<long> error)
    {
        var finite = Vector.Equals(value - value, Vector<double>.Zero); // inf - inf and NaN - NaN are NaN
        var rounded = Vector.Round(value * Scale); // round half to even, like Math.Round(x, MidpointRounding.ToEven)
        var inRange = Vector.GreaterThanOrEqual(rounded, MinusLimit) & Vector.LessThan(rounded, Limit);
        var none = Vector.Equals(error, Vector<long>.Zero);
        error = Vector.ConditionalSelect(none & ~finite, new Vector<long>((long)EvaluationError.NonFiniteOutput), error);
        error = Vector.ConditionalSelect(none & finite & ~inRange, new Vector<long>((long)EvaluationError.PointsOutOfRange), error);
        var ok = Vector.Equals(error, Vector<long>.Zero);
        // lanes that failed may hold any double; only in-range integral values are converted
        var safe = Vector.ConditionalSelect(ok, rounded, Vector<double>.Zero);
        return (Vector.ConvertToInt64(safe) & ok, error);
    }
}
