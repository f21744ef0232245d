using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Scoring.Gpu.OpenCl;

/// <summary>Creates and builds <c>cl_program</c>s from source or from a cached binary, and extracts binaries.</summary>
internal static unsafe class ProgramBuilder
{
    public static ClProgramHandle FromSource(OpenClContext context, string source)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(source);
        nuint length = (nuint)utf8.Length;
        int status;
        nint program;
        fixed (byte* p = utf8)
        {
            byte* text = p;
            program = ClNative.clCreateProgramWithSource(context.Handle.Value, 1, &text, &length, &status);
        }

        ClStatus.Check(status, "clCreateProgramWithSource");
        var handle = new ClProgramHandle(program);
        status = BuildFor(context, handle);
        if (status != ClStatus.Success)
        {
            string log = ClInfo.ProgramBuildLog(handle.Value, context.Device.DeviceId);
            handle.Dispose();
            throw new OpenClException("clBuildProgram", status, log);
        }

        return handle;
    }

    public static bool TryFromBinary(OpenClContext context, byte[] binary, [NotNullWhen(true)] out ClProgramHandle? handle, [NotNullWhen(false)] out string? rejection)
    {
        nint deviceId = context.Device.DeviceId;
        nuint length = (nuint)binary.Length;
        int binaryStatus;
        int status;
        nint program;
        fixed (byte* p = binary)
        {
            byte* bytes = p;
            program = ClNative.clCreateProgramWithBinary(context.Handle.Value, 1, &deviceId, &length, &bytes, &binaryStatus, &status);
        }

        if (status != ClStatus.Success || binaryStatus != ClStatus.Success)
        {
            if (program != nint.Zero)
            {
                ClNative.clReleaseProgram(program);
            }

            handle = null;
            rejection = $"clCreateProgramWithBinary: {ClStatus.Name(status != ClStatus.Success ? status : binaryStatus)}";
            return false;
        }

        handle = new ClProgramHandle(program);
        status = BuildFor(context, handle);
        if (status != ClStatus.Success)
        {
            handle.Dispose();
            handle = null;
            rejection = $"clBuildProgram: {ClStatus.Name(status)}";
            return false;
        }

        rejection = null;
        return true;
    }

    /// <summary>The device binary of a built single-device program (<c>CL_PROGRAM_BINARIES</c>).</summary>
    public static byte[] Binary(ClProgramHandle program)
    {
        nuint size;
        ClStatus.Check(ClNative.clGetProgramInfo(program.Value, ClParam.ProgramBinarySizes, (nuint)sizeof(nuint), &size, null), "clGetProgramInfo(CL_PROGRAM_BINARY_SIZES)");
        byte[] binary = new byte[(int)size];
        if (binary.Length == 0)
        {
            return binary;
        }

        fixed (byte* p = binary)
        {
            byte* target = p;
            ClStatus.Check(ClNative.clGetProgramInfo(program.Value, ClParam.ProgramBinaries, (nuint)sizeof(byte*), &target, null), "clGetProgramInfo(CL_PROGRAM_BINARIES)");
        }

        return binary;
    }

    private static int BuildFor(OpenClContext context, ClProgramHandle program)
    {
        nint deviceId = context.Device.DeviceId;
        byte[] options = Encoding.UTF8.GetBytes(context.BuildOptions + "\0");
        fixed (byte* o = options)
        {
            return ClNative.clBuildProgram(program.Value, 1, &deviceId, o, 0, 0);
        }
    }
}
