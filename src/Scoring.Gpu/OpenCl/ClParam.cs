namespace Scoring.Gpu.OpenCl;

/// <summary>The <c>cl_*_info</c> parameter names and flag bits used by this project (values from the Khronos <c>cl.h</c>).</summary>
internal static class ClParam
{
    public const uint PlatformProfile = 0x0900;
    public const uint PlatformVersion = 0x0901;
    public const uint PlatformName = 0x0902;
    public const uint PlatformVendor = 0x0903;

    public const ulong DeviceTypeAll = 0xFFFFFFFF;
    public const uint DeviceType = 0x1000;
    public const uint DeviceMaxComputeUnits = 0x1002;
    public const uint DeviceMaxWorkGroupSize = 0x1004;
    public const uint DeviceMaxMemAllocSize = 0x1010;
    public const uint DeviceGlobalMemSize = 0x101F;
    public const uint DeviceAvailable = 0x1027;
    public const uint DeviceCompilerAvailable = 0x1028;
    public const uint DeviceName = 0x102B;
    public const uint DeviceVendor = 0x102C;
    public const uint DriverVersion = 0x102D;
    public const uint DeviceVersion = 0x102F;
    public const uint DeviceDoubleFpConfig = 0x1032;
    public const uint DeviceOpenClCVersion = 0x103D;
    public const uint DeviceOpenClCAllVersions = 0x1066;

    public const ulong FpDenorm = 1;
    public const ulong FpInfNan = 2;
    public const ulong FpRoundToNearest = 4;

    public const ulong QueueProperties = 0x1093;
    public const ulong QueueProfilingEnable = 2;

    public const uint ProgramNumDevices = 0x1162;
    public const uint ProgramBinarySizes = 0x1165;
    public const uint ProgramBinaries = 0x1166;
    public const uint ProgramBuildLog = 0x1183;

    public const uint KernelNumArgs = 0x1191;
    public const uint KernelWorkGroupSize = 0x11B0;
    public const uint KernelPreferredWorkGroupSizeMultiple = 0x11B3;

    public const ulong MemReadWrite = 1;

    public const uint ProfilingCommandStart = 0x1282;
    public const uint ProfilingCommandEnd = 0x1283;
}
