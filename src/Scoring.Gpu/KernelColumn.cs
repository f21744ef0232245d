using System.Buffers;

namespace Scoring.Gpu;

/// <summary>
/// One column of a batch as the kernel sees it: an input (uploaded, <c>__global const T*</c>) or an output
/// (downloaded, <c>__global T*</c>). Arrays convert to <see cref="ReadOnlyMemory{T}"/>/<see cref="Memory{T}"/>, so
/// <c>KernelColumn.Input(pixels)</c> works with a <c>double[]</c>. The memory is pinned only while a run is in flight.
/// </summary>
internal sealed class KernelColumn
{
    private readonly Func<MemoryHandle> _pin;

    private KernelColumn(KernelColumnType type, int length, bool isOutput, Func<MemoryHandle> pin)
    {
        Type = type;
        Length = length;
        IsOutput = isOutput;
        _pin = pin;
    }

    /// <summary>The element type.</summary>
    public KernelColumnType Type { get; }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>Whether the kernel writes this column (it is downloaded after the run).</summary>
    public bool IsOutput { get; }

    /// <summary>Bytes per element: 8, 8, 4 or 1.</summary>
    public int ElementSize => SizeOf(Type);

    /// <summary>The OpenCL C element type name: <c>double</c>, <c>long</c>, <c>int</c> or <c>uchar</c>.</summary>
    public string OpenClTypeName => Type switch
    {
        KernelColumnType.Float64 => "double",
        KernelColumnType.Int64 => "long",
        KernelColumnType.Int32 => "int",
        _ => "uchar",
    };

    /// <summary>An fp64 input column.</summary>
    public static KernelColumn Input(ReadOnlyMemory<double> values) => new(KernelColumnType.Float64, values.Length, false, values.Pin);

    /// <summary>A 64-bit integer input column.</summary>
    public static KernelColumn Input(ReadOnlyMemory<long> values) => new(KernelColumnType.Int64, values.Length, false, values.Pin);

    /// <summary>A 32-bit integer input column (e.g. dictionary ids).</summary>
    public static KernelColumn Input(ReadOnlyMemory<int> values) => new(KernelColumnType.Int32, values.Length, false, values.Pin);

    /// <summary>A byte input column (booleans, flags).</summary>
    public static KernelColumn Input(ReadOnlyMemory<byte> values) => new(KernelColumnType.UInt8, values.Length, false, values.Pin);

    /// <summary>An fp64 output column.</summary>
    public static KernelColumn Output(Memory<double> values) => new(KernelColumnType.Float64, values.Length, true, values.Pin);

    /// <summary>A 64-bit integer output column (e.g. points in micro-point units).</summary>
    public static KernelColumn Output(Memory<long> values) => new(KernelColumnType.Int64, values.Length, true, values.Pin);

    /// <summary>A 32-bit integer output column.</summary>
    public static KernelColumn Output(Memory<int> values) => new(KernelColumnType.Int32, values.Length, true, values.Pin);

    /// <summary>A byte output column (e.g. per-report status codes).</summary>
    public static KernelColumn Output(Memory<byte> values) => new(KernelColumnType.UInt8, values.Length, true, values.Pin);

    /// <summary>Bytes per element of <paramref name="type"/>.</summary>
    public static int SizeOf(KernelColumnType type) => type switch
    {
        KernelColumnType.Float64 or KernelColumnType.Int64 => 8,
        KernelColumnType.Int32 => 4,
        KernelColumnType.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    internal MemoryHandle Pin() => _pin();
}
