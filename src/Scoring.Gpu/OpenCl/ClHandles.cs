using System.Runtime.InteropServices;

namespace Scoring.Gpu.OpenCl;

/// <summary>
/// An owned OpenCL object reference, released exactly once by <see cref="SafeHandle"/>
/// (on <c>Dispose</c> or, as a last resort, by the finalizer).
/// </summary>
internal abstract class ClHandle : SafeHandle
{
    protected ClHandle(nint handle) : base(nint.Zero, ownsHandle: true) => SetHandle(handle);

    /// <inheritdoc />
    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>The raw handle, for passing to native calls while this wrapper is alive.</summary>
    public nint Value => handle;
}

/// <summary>A <c>cl_context</c>.</summary>
internal sealed class ClContextHandle(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseContext(handle) == ClStatus.Success;
}

/// <summary>A <c>cl_command_queue</c>.</summary>
internal sealed class ClQueueHandle(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseCommandQueue(handle) == ClStatus.Success;
}

/// <summary>A <c>cl_program</c>.</summary>
internal sealed class ClProgramHandle(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseProgram(handle) == ClStatus.Success;
}

/// <summary>A <c>cl_kernel</c>.</summary>
internal sealed class ClKernelHandle(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseKernel(handle) == ClStatus.Success;
}

/// <summary>A <c>cl_mem</c> buffer.</summary>
internal sealed class ClMemHandle(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseMemObject(handle) == ClStatus.Success;
}

/// <summary>A <c>cl_event</c>.</summary>
internal sealed class ClEventHandle(nint handle) : ClHandle(handle)
{
    protected override bool ReleaseHandle() => ClNative.clReleaseEvent(handle) == ClStatus.Success;
}
