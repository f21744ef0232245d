using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// A device buffer that stays on the device between launches (for data that is uploaded once and scored many times,
/// and for measuring kernels without transfers). Blocking <see cref="Write{T}"/>/<see cref="Read{T}"/> move data.
/// </summary>
internal sealed class OpenClBuffer : IDisposable
{
    private readonly OpenClContext _context;

    internal OpenClBuffer(OpenClContext context, ClMemHandle handle, long lengthBytes)
    {
        _context = context;
        Handle = handle;
        LengthBytes = lengthBytes;
    }

    /// <summary>Size in bytes.</summary>
    public long LengthBytes { get; }

    internal ClMemHandle Handle { get; }

    /// <summary>Copies <paramref name="values"/> to the start of the buffer and waits for the copy.</summary>
    public unsafe void Write<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        long bytes = CheckFits(values.Length * (long)sizeof(T));
        if (bytes == 0)
        {
            return;
        }

        fixed (T* p = values)
        {
            ClStatus.Check(ClNative.clEnqueueWriteBuffer(_context.TransferQueue.Value, Handle.Value, 1, 0, (nuint)bytes, p, 0, null, null), "clEnqueueWriteBuffer");
        }
    }

    /// <summary>Copies the start of the buffer into <paramref name="destination"/> and waits for the copy.</summary>
    public unsafe void Read<T>(Span<T> destination) where T : unmanaged
    {
        long bytes = CheckFits(destination.Length * (long)sizeof(T));
        if (bytes == 0)
        {
            return;
        }

        ClStatus.Check(ClNative.clFinish(_context.ComputeQueue.Value), "clFinish");
        fixed (T* p = destination)
        {
            ClStatus.Check(ClNative.clEnqueueReadBuffer(_context.TransferQueue.Value, Handle.Value, 1, 0, (nuint)bytes, p, 0, null, null), "clEnqueueReadBuffer");
        }
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    private long CheckFits(long bytes)
    {
        if (bytes > LengthBytes)
        {
            throw new ArgumentException($"{bytes} bytes do not fit a buffer of {LengthBytes} bytes.");
        }

        return bytes;
    }
}
