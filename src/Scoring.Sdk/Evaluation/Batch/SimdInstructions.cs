using System.Numerics;

namespace Scoring.Evaluation.Batch;

/// <summary>One step of a <see cref="SimdPlan"/>: runs over every row of the frame's current chunk.</summary>
internal abstract class SimdInstruction
{
    public abstract void Execute(SimdFrame frame);
}

internal sealed class UnaryInstruction<TOp, TIn, TOut>(SimdOperand x, SimdOperand result) : SimdInstruction
    where TOp : IVectorUnary<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    public override void Execute(SimdFrame frame) => VectorLoops.Map<TOp, TIn, TOut>(frame.Read<TIn>(x), frame.Write<TOut>(result));
}

internal sealed class BinaryInstruction<TOp, TIn, TOut>(SimdOperand a, SimdOperand b, SimdOperand result) : SimdInstruction
    where TOp : IVectorBinary<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    public override void Execute(SimdFrame frame) => VectorLoops.Map<TOp, TIn, TOut>(frame.Read<TIn>(a), frame.Read<TIn>(b), frame.Write<TOut>(result));
}

/// <summary>Truncated remainder lane by lane (no vector fmod exists); C# <c>%</c> is the IR's definition.</summary>
internal sealed class RemainderInstruction(SimdOperand a, SimdOperand b, SimdOperand result) : SimdInstruction
{
    public override void Execute(SimdFrame frame)
    {
        var x = frame.Read<double>(a);
        var y = frame.Read<double>(b);
        var r = frame.Write<double>(result);
        for (var i = 0; i < r.Length; i++) r[i] = x[i] % y[i];
    }
}

internal sealed class SelectInstruction<T>(SimdOperand condition, SimdOperand whenTrue, SimdOperand whenFalse, SimdOperand result) : SimdInstruction
    where T : unmanaged
{
    public override void Execute(SimdFrame frame) =>
        VectorLoops.Select(frame.Read<long>(condition), frame.Read<T>(whenTrue), frame.Read<T>(whenFalse), frame.Write<T>(result));
}

/// <summary>Records <c>DivisionByZero</c> for active rows whose divisor is ±0.</summary>
internal sealed class ZeroDivisorInstruction(SimdOperand divisor, SimdOperand scratch, int active) : SimdInstruction
{
    public override void Execute(SimdFrame frame)
    {
        var zero = frame.Write<long>(scratch);
        VectorLoops.Map<IsZeroOp, double, long>(frame.Read<double>(divisor), zero);
        VectorLoops.Raise(zero, frame.Mask(active), frame.Errors.AsSpan(0, frame.Length), EvaluationError.DivisionByZero);
    }
}

/// <summary>Widens a symbol-id column (<c>int[]</c>) to 64-bit lanes.</summary>
internal sealed class SymbolColumnInstruction(int input, SimdOperand result) : SimdInstruction
{
    public override void Execute(SimdFrame frame)
    {
        var ids = ((int[])frame.Column(input)).AsSpan(frame.Start, frame.Length);
        var r = frame.Write<long>(result);
        int i = 0, w = Vector<int>.Count;
        for (; i <= r.Length - w; i += w)
        {
            Vector.Widen(new Vector<int>(ids[i..]), out var low, out var high);
            low.CopyTo(r[i..]);
            high.CopyTo(r[(i + Vector<long>.Count)..]);
        }
        for (; i < r.Length; i++) r[i] = ids[i];
    }
}

/// <summary>Turns a <c>bool[]</c> column into masks (0 / all ones).</summary>
internal sealed class BoolColumnInstruction(int input, SimdOperand result) : SimdInstruction
{
    public override void Execute(SimdFrame frame)
    {
        var flags = ((bool[])frame.Column(input)).AsSpan(frame.Start, frame.Length);
        var r = frame.Write<long>(result);
        for (var i = 0; i < r.Length; i++) r[i] = flags[i] ? -1L : 0L;
    }
}

/// <summary><c>slot = value</c> in rows where the rule fired (all rows when <paramref name="active"/> &lt; 0).</summary>
internal sealed class AssignInstruction<T>(SimdOperand value, SimdOperand slot, int active) : SimdInstruction
    where T : unmanaged
{
    public override void Execute(SimdFrame frame)
    {
        var target = frame.Write<T>(slot);
        if (active < 0) frame.Read<T>(value).CopyTo(target);
        else VectorLoops.Select(frame.Mask(active), frame.Read<T>(value), target, target);
    }
}

