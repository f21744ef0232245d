using System.Text;
using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// A program built for one device, owned by its <see cref="OpenClContext"/> (released when the context is disposed).
/// Create kernels from it with <see cref="CreateKernel"/>.
/// </summary>
internal sealed class OpenClProgram
{
    private readonly OpenClContext _context;

    internal OpenClProgram(OpenClContext context, ClProgramHandle handle, string key, OpenClProgramOrigin origin, string? cacheNote)
    {
        _context = context;
        Handle = handle;
        Key = key;
        Origin = origin;
        CacheNote = cacheNote;
    }

    /// <summary>The cache key: hex SHA-256 of source, build options and platform/device/driver identity.</summary>
    public string Key { get; }

    /// <summary>Whether the program was compiled from source or loaded from the disk cache.</summary>
    public OpenClProgramOrigin Origin { get; }

    /// <summary>Why the disk cache was not used or not written (corrupt file, rejected binary, unwritable folder); otherwise <see langword="null"/>.</summary>
    public string? CacheNote { get; }

    internal ClProgramHandle Handle { get; }

    /// <summary>Creates a kernel object for the <c>__kernel</c> function <paramref name="name"/>. Dispose it when done.</summary>
    /// <exception cref="OpenClException"><c>CL_INVALID_KERNEL_NAME</c> when the program has no such kernel.</exception>
    public unsafe OpenClKernel CreateKernel(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        byte[] utf8 = Encoding.UTF8.GetBytes(name + "\0");
        int status;
        nint kernel;
        fixed (byte* p = utf8)
        {
            kernel = ClNative.clCreateKernel(Handle.Value, p, &status);
        }

        ClStatus.Check(status, $"clCreateKernel('{name}')");
        return new OpenClKernel(_context, new ClKernelHandle(kernel), name);
    }
}
