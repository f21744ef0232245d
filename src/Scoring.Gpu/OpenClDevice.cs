using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// One OpenCL device as discovered by <see cref="OpenClRuntime"/>: what it is and whether it can score.
/// Scoring needs IEEE-754 double precision with round-to-nearest, infinities/NaN and denormals
/// (<c>cl_khr_fp64</c>); a device without it is listed but refused (<see cref="ScoringRefusal"/>).
/// </summary>
public sealed class OpenClDevice
{
    internal OpenClDevice(int index, OpenClPlatform platform, nint platformId, nint deviceId)
    {
        Index = index;
        Platform = platform;
        PlatformId = platformId;
        DeviceId = deviceId;
        Name = ClInfo.DeviceString(deviceId, ClParam.DeviceName).Trim();
        Vendor = ClInfo.DeviceString(deviceId, ClParam.DeviceVendor).Trim();
        Version = ClInfo.DeviceString(deviceId, ClParam.DeviceVersion).Trim();
        DriverVersion = ClInfo.DeviceString(deviceId, ClParam.DriverVersion).Trim();
        OpenClCVersion = ClInfo.DeviceString(deviceId, ClParam.DeviceOpenClCVersion).Trim();
        Type = (OpenClDeviceType)(int)ClInfo.DeviceValue<ulong>(deviceId, ClParam.DeviceType);
        ComputeUnits = (int)ClInfo.DeviceValue<uint>(deviceId, ClParam.DeviceMaxComputeUnits);
        GlobalMemoryBytes = (long)ClInfo.DeviceValue<ulong>(deviceId, ClParam.DeviceGlobalMemSize);
        MaxAllocationBytes = (long)ClInfo.DeviceValue<ulong>(deviceId, ClParam.DeviceMaxMemAllocSize);
        MaxWorkGroupSize = (long)ClInfo.DeviceValue<nuint>(deviceId, ClParam.DeviceMaxWorkGroupSize);
        IsAvailable = ClInfo.DeviceValue<uint>(deviceId, ClParam.DeviceAvailable) != 0;
        IsCompilerAvailable = ClInfo.DeviceValue<uint>(deviceId, ClParam.DeviceCompilerAvailable) != 0;
        DoubleFpConfig = ClInfo.DeviceValue<ulong>(deviceId, ClParam.DeviceDoubleFpConfig);
        LanguageStandard = OpenClLanguageStandard.Choose(Version, OpenClCVersion, ReadAllCVersions(deviceId, Version));
    }

    /// <summary>Position in <see cref="OpenClRuntime.Devices"/> (all platforms, in discovery order): what <c>--device N</c> picks.</summary>
    public int Index { get; }

    /// <summary>The platform (driver) the device belongs to.</summary>
    public OpenClPlatform Platform { get; }

    /// <summary>e.g. <c>NVIDIA H100 80GB HBM3</c>, <c>pthread-skylake-avx512</c>.</summary>
    public string Name { get; }

    /// <summary>The device vendor string.</summary>
    public string Vendor { get; }

    /// <summary><c>CL_DEVICE_VERSION</c>, e.g. <c>OpenCL 3.0 CUDA</c>.</summary>
    public string Version { get; }

    /// <summary><c>CL_DRIVER_VERSION</c>; part of the program cache key, so a driver upgrade rebuilds kernels.</summary>
    public string DriverVersion { get; }

    /// <summary><c>CL_DEVICE_OPENCL_C_VERSION</c>, e.g. <c>OpenCL C 1.2</c>.</summary>
    public string OpenClCVersion { get; }

    /// <summary>CPU, GPU, accelerator.</summary>
    public OpenClDeviceType Type { get; }

    /// <summary><c>CL_DEVICE_MAX_COMPUTE_UNITS</c> (streaming multiprocessors, compute units, or CPU cores).</summary>
    public int ComputeUnits { get; }

    /// <summary><c>CL_DEVICE_GLOBAL_MEM_SIZE</c> in bytes.</summary>
    public long GlobalMemoryBytes { get; }

    /// <summary><c>CL_DEVICE_MAX_MEM_ALLOC_SIZE</c>: the largest single buffer, in bytes.</summary>
    public long MaxAllocationBytes { get; }

    /// <summary><c>CL_DEVICE_MAX_WORK_GROUP_SIZE</c>.</summary>
    public long MaxWorkGroupSize { get; }

    /// <summary>Whether the device reports double precision (<c>cl_khr_fp64</c>, non-zero <c>CL_DEVICE_DOUBLE_FP_CONFIG</c>).</summary>
    public bool SupportsFp64 => DoubleFpConfig != 0;

    /// <summary><c>CL_DEVICE_AVAILABLE</c>.</summary>
    public bool IsAvailable { get; }

    /// <summary><c>CL_DEVICE_COMPILER_AVAILABLE</c>: kernels can be built from source.</summary>
    public bool IsCompilerAvailable { get; }

    /// <summary>The <c>-cl-std=</c> value programs are built with (<c>CL3.0</c> or <c>CL1.2</c>), or <see langword="null"/> for older devices.</summary>
    public string? LanguageStandard { get; }

    /// <summary>Why this device cannot evaluate rule sets, or <see langword="null"/> when it can.</summary>
    public string? ScoringRefusal => DescribeRefusal(DoubleFpConfig, IsAvailable, IsCompilerAvailable, Name);

    /// <summary>Whether this device can evaluate rule sets (<see cref="ScoringRefusal"/> is <see langword="null"/>).</summary>
    public bool CanScore => ScoringRefusal is null;

    internal nint PlatformId { get; }

    internal nint DeviceId { get; }

    internal ulong DoubleFpConfig { get; }

    /// <summary>
    /// The refusal rule as a pure function: scoring needs fp64 with round-to-nearest, IEEE infinities/NaN and denormals
    /// (without denormals, tiny intermediate values flush to zero and points would differ from the CPU).
    /// </summary>
    internal static string? DescribeRefusal(ulong doubleFpConfig, bool available, bool compilerAvailable, string name)
    {
        if (!available)
        {
            return $"Device '{name}' is not available (CL_DEVICE_AVAILABLE is false; it may be in use exclusively or misconfigured).";
        }

        if (!compilerAvailable)
        {
            return $"Device '{name}' has no OpenCL C compiler, so rule kernels cannot be built for it.";
        }

        if (doubleFpConfig == 0)
        {
            return $"Device '{name}' has no double precision (cl_khr_fp64); scoring needs IEEE-754 fp64 to give the same points as the CPU. Pick another device or use the SIMD backend.";
        }

        const ulong required = ClParam.FpDenorm | ClParam.FpInfNan | ClParam.FpRoundToNearest;
        if ((doubleFpConfig & required) != required)
        {
            return $"Device '{name}' has fp64 without full IEEE-754 support (needs round-to-nearest, infinities/NaN and denormals; CL_DEVICE_DOUBLE_FP_CONFIG = 0x{doubleFpConfig:X}).";
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Name} ({Type}, {Platform.Name})";

    private static unsafe List<(uint Version, string Name)> ReadAllCVersions(nint deviceId, string deviceVersion)
    {
        var versions = new List<(uint, string)>();
        if (OpenClLanguageStandard.ParseVersion(deviceVersion, "OpenCL ") is not { Major: >= 3 })
        {
            return versions;
        }

        // cl_name_version: cl_version (uint) then char[64].
        const int entrySize = 4 + 64;
        byte[] bytes;
        try
        {
            bytes = ClInfo.DeviceBytes(deviceId, ClParam.DeviceOpenClCAllVersions);
        }
        catch (OpenClException)
        {
            // A driver that claims 3.0 but cannot answer this query gets the OpenCL C 1.2 fallback.
            return versions;
        }

        for (int offset = 0; offset + entrySize <= bytes.Length; offset += entrySize)
        {
            uint version = BitConverter.ToUInt32(bytes, offset);
            versions.Add((version, ClInfo.Decode(bytes.AsSpan(offset + 4, 64))));
        }

        return versions;
    }
}
