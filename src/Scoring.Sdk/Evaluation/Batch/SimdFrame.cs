using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// One thread's working memory for <see cref="SimdBatchEvaluator"/>: registers of <see cref="Lanes"/> values (one
/// per row of the chunk being evaluated), the chunk's error codes, and the bound batch and results. Registers stay
/// small (8 KiB each) so a chunk's whole working set lives in the core's cache while every instruction streams over it.
/// </summary>
internal sealed class SimdFrame
{
    /// <summary>Rows per chunk.</summary>
    public const int Lanes = 1024;

    private readonly double[][] _doubleRegisters;
    private readonly long[][] _longRegisters;
    private readonly Array?[] _columns;

    public SimdFrame(SimdPlan plan)
    {
        _doubleRegisters = new double[plan.DoubleRegisterCount][];
        _longRegisters = new long[plan.LongRegisterCount][];
        for (var i = 0; i < _doubleRegisters.Length; i++) _doubleRegisters[i] = new double[Lanes];
        for (var i = 0; i < _longRegisters.Length; i++) _longRegisters[i] = new long[Lanes];
        foreach (var (register, value) in plan.DoubleConstants) Array.Fill(_doubleRegisters[register], value);
        foreach (var (register, value) in plan.LongConstants) Array.Fill(_longRegisters[register], value);
        _columns = new Array?[plan.InputCount];
    }

    /// <summary>The first row of the current chunk.</summary>
    public int Start { get; private set; }

    /// <summary>Rows in the current chunk (1 .. <see cref="Lanes"/>).</summary>
    public int Length { get; private set; }

    /// <summary>Per-row error codes of the current chunk (0 = none so far).</summary>
    public long[] Errors { get; } = new long[Lanes];

    /// <summary>Where the output instruction writes units.</summary>
    public long[] UnitsOut { get; private set; } = [];

    /// <summary>Where the output instruction writes error codes.</summary>
    public EvaluationError[] ErrorsOut { get; private set; } = [];

    public void Bind(ReportBatch batch, BatchResults results)
    {
        for (var i = 0; i < _columns.Length; i++) _columns[i] = batch.Column(i);
        UnitsOut = results.Units;
        ErrorsOut = results.Errors;
    }

    public void Unbind()
    {
        Array.Clear(_columns);
        UnitsOut = [];
        ErrorsOut = [];
    }

    public void MoveTo(int start, int length)
    {
        Start = start;
        Length = length;
        Array.Clear(Errors, 0, length);
    }

    public ReadOnlySpan<T> Read<T>(SimdOperand operand)
        where T : unmanaged
    {
        var array = operand.Kind switch
        {
            SimdOperandKind.DoubleRegister => _doubleRegisters[operand.Index],
            SimdOperandKind.LongRegister => _longRegisters[operand.Index],
            _ => _columns[operand.Index]!,
        };
        var offset = operand.IsRegister ? 0 : Start;
        // the plan guarantees the element type: double for Double*, long for Long* (bool and symbol columns are widened first)
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), offset), Length);
    }

    public Span<T> Write<T>(SimdOperand register)
        where T : unmanaged
    {
        Array array = register.Kind == SimdOperandKind.DoubleRegister ? _doubleRegisters[register.Index] : _longRegisters[register.Index];
        return MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), Length);
    }

    /// <summary>An active-lane mask, or an empty span meaning every lane (<paramref name="register"/> &lt; 0).</summary>
    public ReadOnlySpan<long> Mask(int register) => register < 0 ? default : _longRegisters[register].AsSpan(0, Length);

    /// <summary>The raw column array of input <paramref name="input"/> (for widening bool and symbol columns).</summary>
    public Array Column(int input) => _columns[input]!;
}
