using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// A kernel ready to run. The calling convention every scoring kernel follows (what <see cref="OpenClBatchRunner"/> and
/// <see cref="OpenClContext.Launch"/> pass):
/// <code>
/// __kernel void score(const long n, __global const double* in0, ..., __global long* out0, ...)
/// {
///     long i = get_global_id(0);
///     if (i >= n) return;   // the global size is rounded up to the work-group size
///     ...
/// }
/// </code>
/// <c>i</c> is the index within the chunk the runner uploaded, not within the whole batch: kernels must compute
/// each row from that row's inputs only.
/// A kernel object holds argument state, so it is not thread-safe: use one per thread (or per runner).
/// </summary>
internal sealed class OpenClKernel : IDisposable
{
    internal OpenClKernel(OpenClContext context, ClKernelHandle handle, string name)
    {
        Context = context;
        Handle = handle;
        Name = name;
        ArgumentCount = (int)KernelValue<uint>(ClParam.KernelNumArgs);
        MaxWorkGroupSize = (long)ClInfo.KernelWorkGroupValue<nuint>(handle.Value, context.Device.DeviceId, ClParam.KernelWorkGroupSize);
        PreferredWorkGroupSizeMultiple = (long)ClInfo.KernelWorkGroupValue<nuint>(handle.Value, context.Device.DeviceId, ClParam.KernelPreferredWorkGroupSizeMultiple);
    }

    /// <summary>The <c>__kernel</c> function name.</summary>
    public string Name { get; }

    /// <summary>The number of parameters the kernel declares (<c>n</c> plus one per column).</summary>
    public int ArgumentCount { get; }

    /// <summary>The largest work-group this kernel can run with on its device.</summary>
    public long MaxWorkGroupSize { get; }

    /// <summary>The work-group size multiple the device prefers for this kernel (warp/wavefront/SIMD width).</summary>
    public long PreferredWorkGroupSizeMultiple { get; }

    internal OpenClContext Context { get; }

    internal ClKernelHandle Handle { get; }

    /// <summary>
    /// The work-group size used when none is configured: up to 256 items, a multiple of the preferred multiple, within
    /// the kernel's limit.
    /// </summary>
    internal long ChooseLocalSize(int? requested)
    {
        if (requested is int size)
        {
            if (size < 1 || size > MaxWorkGroupSize)
            {
                throw new ArgumentOutOfRangeException(nameof(requested), size, $"Kernel '{Name}' accepts work-group sizes 1..{MaxWorkGroupSize} on this device.");
            }

            return size;
        }

        long local = Math.Min(MaxWorkGroupSize, 256);
        long multiple = Math.Max(1, PreferredWorkGroupSizeMultiple);
        return local >= multiple ? local / multiple * multiple : local;
    }

    internal unsafe void SetArgument<T>(int index, T value) where T : unmanaged =>
        ClStatus.Check(ClNative.clSetKernelArg(Handle.Value, (uint)index, (nuint)sizeof(T), &value), $"clSetKernelArg('{Name}', {index})");

    internal void SetBuffer(int index, ClMemHandle buffer) => SetArgument(index, buffer.Value);

    /// <summary>Enqueues the kernel over <paramref name="count"/> items (global size rounded up to <paramref name="localSize"/>).</summary>
    internal unsafe ClEventHandle Enqueue(ClQueueHandle queue, long count, long localSize, ReadOnlySpan<nint> waitFor)
    {
        nuint local = (nuint)localSize;
        nuint global = (nuint)((count + localSize - 1) / localSize * localSize);
        nint evt;
        fixed (nint* wait = waitFor)
        {
            ClStatus.Check(
                ClNative.clEnqueueNDRangeKernel(queue.Value, Handle.Value, 1, null, &global, &local, (uint)waitFor.Length, waitFor.IsEmpty ? null : wait, &evt),
                $"clEnqueueNDRangeKernel('{Name}')");
        }

        return new ClEventHandle(evt);
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    private unsafe T KernelValue<T>(uint param) where T : unmanaged
    {
        T value = default;
        ClStatus.Check(ClNative.clGetKernelInfo(Handle.Value, param, (nuint)sizeof(T), &value, null), "clGetKernelInfo");
        return value;
    }
}
