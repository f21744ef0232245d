using System.Text;

namespace Scoring.Gpu.OpenCl;

/// <summary>Typed reads of <c>clGet*Info</c> values (the size-then-value protocol, NUL-terminated strings).</summary>
internal static unsafe class ClInfo
{
    public static string PlatformString(nint platform, uint param)
    {
        nuint size;
        ClStatus.Check(ClNative.clGetPlatformInfo(platform, param, 0, null, &size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            ClStatus.Check(ClNative.clGetPlatformInfo(platform, param, size, p, null), "clGetPlatformInfo");
        }

        return Decode(bytes);
    }

    public static string DeviceString(nint device, uint param) => Decode(DeviceBytes(device, param));

    public static byte[] DeviceBytes(nint device, uint param)
    {
        nuint size;
        ClStatus.Check(ClNative.clGetDeviceInfo(device, param, 0, null, &size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            ClStatus.Check(ClNative.clGetDeviceInfo(device, param, size, p, null), "clGetDeviceInfo");
        }

        return bytes;
    }

    public static T DeviceValue<T>(nint device, uint param) where T : unmanaged
    {
        T value = default;
        ClStatus.Check(ClNative.clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, null), "clGetDeviceInfo");
        return value;
    }

    public static T KernelWorkGroupValue<T>(nint kernel, nint device, uint param) where T : unmanaged
    {
        T value = default;
        ClStatus.Check(ClNative.clGetKernelWorkGroupInfo(kernel, device, param, (nuint)sizeof(T), &value, null), "clGetKernelWorkGroupInfo");
        return value;
    }

    public static string ProgramBuildLog(nint program, nint device)
    {
        nuint size;
        if (ClNative.clGetProgramBuildInfo(program, device, ClParam.ProgramBuildLog, 0, null, &size) != ClStatus.Success)
        {
            return "(build log unavailable)";
        }

        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            if (ClNative.clGetProgramBuildInfo(program, device, ClParam.ProgramBuildLog, size, p, null) != ClStatus.Success)
            {
                return "(build log unavailable)";
            }
        }

        return Decode(bytes).Trim();
    }

    /// <summary>Decodes a NUL-terminated UTF-8 string as OpenCL returns it.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
