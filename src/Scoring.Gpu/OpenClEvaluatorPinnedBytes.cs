using System.Buffers;
using System.Runtime.InteropServices;

namespace Scoring.Gpu;

/// <summary>
/// A <c>bool[]</c> or <c>EvaluationError[]</c> array (1-byte elements) seen as <see cref="Memory{T}"/> of bytes, pinned
/// for the lifetime of this object, so the OpenCL runner can copy it without an intermediate byte array.
/// </summary>
internal sealed unsafe class OpenClEvaluatorPinnedBytes : MemoryManager<byte>
{
    private GCHandle _handle;
    private readonly int _length;

    public OpenClEvaluatorPinnedBytes(Array array, int length)
    {
        if (array.GetType().GetElementType() is not { } element || Marshal.SizeOf(element == typeof(bool) ? typeof(byte) : Enum.GetUnderlyingType(element)) != 1)
        {
            throw new ArgumentException("Only arrays of 1-byte elements can be viewed as bytes.", nameof(array));
        }
        _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        _length = length;
    }

    private byte* Pointer => (byte*)_handle.AddrOfPinnedObject();

    public override Span<byte> GetSpan() => new(Pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(Pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_handle.IsAllocated) _handle.Free();
    }
}
