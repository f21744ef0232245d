using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// An OpenCL context on one device with two in-order command queues (compute and transfer, so uploads and downloads
/// overlap kernels), profiling enabled when the device allows. Builds programs once per source (in memory, and on disk
/// through <see cref="OpenClProgramCache"/>). Give one context to several <see cref="OpenClEvaluator"/>s to share the
/// device and its built programs; the buffers, kernels and launches behind them are internal to this package.
/// </summary>
public sealed class OpenClContext : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OpenClProgram>> _programs = new(StringComparer.Ordinal);
    private bool _disposed;

    private OpenClContext(OpenClDevice device, OpenClProgramCache cache, ClContextHandle handle, ClQueueHandle compute, ClQueueHandle transfer, bool profiling)
    {
        Device = device;
        Cache = cache;
        Handle = handle;
        ComputeQueue = compute;
        TransferQueue = transfer;
        IsProfilingEnabled = profiling;
        BuildOptions = device.LanguageStandard is string std ? $"-cl-std={std}" : string.Empty;
    }

    /// <summary>The device this context runs on.</summary>
    public OpenClDevice Device { get; }

    /// <summary>Where program binaries are kept between processes.</summary>
    public OpenClProgramCache Cache { get; }

    /// <summary>
    /// The options every program is built with: only <c>-cl-std=</c>. Never <c>-cl-mad-enable</c>,
    /// <c>-cl-fast-relaxed-math</c> or <c>-cl-denorms-are-zero</c>: they change results.
    /// </summary>
    public string BuildOptions { get; }

    /// <summary>Whether the queues record profiling times (then <see cref="OpenClBatchTimings.IsProfiled"/> is true).</summary>
    public bool IsProfilingEnabled { get; }

    internal ClContextHandle Handle { get; }

    internal ClQueueHandle ComputeQueue { get; }

    internal ClQueueHandle TransferQueue { get; }

    /// <summary>Creates a context on <paramref name="device"/>; refuses a device that cannot score.</summary>
    /// <param name="device">A device from <see cref="OpenClRuntime.Devices"/>.</param>
    /// <param name="cache">The program binary cache; <see langword="null"/> uses <see cref="OpenClProgramCache.CreateDefault"/>.</param>
    /// <exception cref="OpenClUnavailableException">The device has no usable fp64 (see <see cref="OpenClDevice.ScoringRefusal"/>).</exception>
    public static unsafe OpenClContext Create(OpenClDevice device, OpenClProgramCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.ScoringRefusal is string refusal)
        {
            throw new OpenClUnavailableException(refusal);
        }

        nint deviceId = device.DeviceId;
        int status;
        nint context = ClNative.clCreateContext(null, 1, &deviceId, 0, 0, &status);
        ClStatus.Check(status, "clCreateContext");
        var contextHandle = new ClContextHandle(context);
        try
        {
            bool profiling = true;
            ClQueueHandle compute = CreateQueue(contextHandle, device, ref profiling);
            ClQueueHandle transfer = CreateQueue(contextHandle, device, ref profiling);
            return new OpenClContext(device, cache ?? OpenClProgramCache.CreateDefault(), contextHandle, compute, transfer, profiling);
        }
        catch
        {
            contextHandle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds <paramref name="source"/> for this device, once: a second call with the same source returns the same
    /// program; a later process loads the binary from <see cref="Cache"/>. A corrupt or rejected cache file falls back
    /// to a source build (see <see cref="OpenClProgram.CacheNote"/>).
    /// </summary>
    /// <param name="source">OpenCL C that starts with <see cref="OpenClKernelSource.Header"/> (use <see cref="OpenClKernelSource.Compose"/>).</param>
    /// <exception cref="ArgumentException">The source does not start with the fp64 / <c>FP_CONTRACT OFF</c> pragmas.</exception>
    /// <exception cref="OpenClException"><c>CL_BUILD_PROGRAM_FAILURE</c> with the compiler's build log.</exception>
    internal OpenClProgram BuildProgram(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!source.StartsWith(OpenClKernelSource.Header, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "Scoring kernels must start with '#pragma OPENCL EXTENSION cl_khr_fp64 : enable' and '#pragma OPENCL FP_CONTRACT OFF' " +
                "(so no fused multiply-add changes results); build the source with OpenClKernelSource.Compose.",
                nameof(source));
        }

        string key = CacheKey(source);
        var lazy = _programs.GetOrAdd(key, k => new Lazy<OpenClProgram>(() => Build(source, k), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed build is not cached: the caller may fix the source or the driver and try again.
            _programs.TryRemove(new KeyValuePair<string, Lazy<OpenClProgram>>(key, lazy));
            throw;
        }
    }

    /// <summary>Allocates a read-write device buffer of <paramref name="lengthBytes"/> bytes.</summary>
    internal OpenClBuffer CreateBuffer(long lengthBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new OpenClBuffer(this, AllocateMemory(lengthBytes), lengthBytes);
    }

    /// <summary>
    /// Runs <paramref name="kernel"/> over <paramref name="count"/> items on buffers already on the device (no transfers),
    /// passing <c>n</c> then the buffers in order, and waits. Returns the kernel's device time when profiling is on.
    /// </summary>
    internal TimeSpan? Launch(OpenClKernel kernel, long count, params ReadOnlySpan<OpenClBuffer> buffers)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ObjectDisposedException.ThrowIf(_disposed, this);
        KernelArguments.CheckCount(kernel, buffers.Length);
        if (count == 0)
        {
            return TimeSpan.Zero;
        }

        kernel.SetArgument(0, count);
        for (int i = 0; i < buffers.Length; i++)
        {
            kernel.SetBuffer(i + 1, buffers[i].Handle);
        }

        using ClEventHandle done = kernel.Enqueue(ComputeQueue, count, kernel.ChooseLocalSize(null), []);
        Finish(ComputeQueue);
        return IsProfilingEnabled ? DeviceTime.Of(done) : null;
    }

    /// <summary>Creates a batch runner that keeps its device buffers between <see cref="OpenClBatchRunner.Run"/> calls.</summary>
    internal OpenClBatchRunner CreateBatchRunner(OpenClBatchRunnerOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new OpenClBatchRunner(this, options ?? new OpenClBatchRunnerOptions());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var program in _programs.Values.Where(p => p.IsValueCreated))
        {
            program.Value.Handle.Dispose();
        }

        ComputeQueue.Dispose();
        TransferQueue.Dispose();
        Handle.Dispose();
    }

    internal unsafe ClMemHandle AllocateMemory(long lengthBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthBytes);
        int status;
        nint memory = ClNative.clCreateBuffer(Handle.Value, ClParam.MemReadWrite, (nuint)lengthBytes, null, &status);
        ClStatus.Check(status, $"clCreateBuffer({lengthBytes} bytes)");
        return new ClMemHandle(memory);
    }

    internal static void Finish(ClQueueHandle queue) => ClStatus.Check(ClNative.clFinish(queue.Value), "clFinish");

    private static unsafe ClQueueHandle CreateQueue(ClContextHandle context, OpenClDevice device, ref bool profiling)
    {
        const int invalidQueueProperties = -35;
        bool withProperties = OpenClLanguageStandard.ParseVersion(device.Platform.Version, "OpenCL ") is { Major: >= 2 };
        int status;
        nint queue;
        if (profiling)
        {
            queue = Create(ClParam.QueueProfilingEnable, &status);
            if (status != invalidQueueProperties)
            {
                ClStatus.Check(status, withProperties ? "clCreateCommandQueueWithProperties" : "clCreateCommandQueue");
                return new ClQueueHandle(queue);
            }

            profiling = false;
        }

        queue = Create(0, &status);
        ClStatus.Check(status, withProperties ? "clCreateCommandQueueWithProperties" : "clCreateCommandQueue");
        return new ClQueueHandle(queue);

        nint Create(ulong properties, int* error)
        {
            if (!withProperties)
            {
                return ClNative.clCreateCommandQueue(context.Value, device.DeviceId, properties, error);
            }

            ulong* list = stackalloc ulong[] { ClParam.QueueProperties, properties, 0 };
            return ClNative.clCreateCommandQueueWithProperties(context.Value, device.DeviceId, properties == 0 ? null : list, error);
        }
    }

    private string CacheKey(string source)
    {
        var identity = new StringBuilder()
            .Append("scoring-opencl-program-v1\n")
            .Append(Device.Platform.Name).Append('\n').Append(Device.Platform.Version).Append('\n')
            .Append(Device.Name).Append('\n').Append(Device.Vendor).Append('\n')
            .Append(Device.Version).Append('\n').Append(Device.DriverVersion).Append('\n')
            .Append(BuildOptions).Append('\n')
            .Append(source);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
    }

    private OpenClProgram Build(string source, string key)
    {
        string? note = null;
        if (Cache.TryRead(key, out byte[] binary, out note))
        {
            if (ProgramBuilder.TryFromBinary(this, binary, out ClProgramHandle? fromBinary, out string? rejection))
            {
                return new OpenClProgram(this, fromBinary, key, OpenClProgramOrigin.DiskCache, cacheNote: null);
            }

            Cache.Remove(key);
            note = $"cached binary rejected by the driver ({rejection}); rebuilt from source";
        }

        ClProgramHandle program = ProgramBuilder.FromSource(this, source);
        string? writeNote = Cache.Write(key, ProgramBuilder.Binary(program));
        return new OpenClProgram(this, program, key, OpenClProgramOrigin.Source, note ?? writeNote);
    }
}
