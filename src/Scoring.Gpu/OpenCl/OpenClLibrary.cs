using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Scoring.Gpu.OpenCl;

/// <summary>
/// Finds the OpenCL ICD loader (<c>libOpenCL.so.1</c> on Linux, <c>OpenCL.dll</c> on Windows, the framework on macOS)
/// before the first native call, so a missing runtime is a clear message instead of a <see cref="DllNotFoundException"/>.
/// </summary>
internal static class OpenClLibrary
{
    /// <summary>What to install, shown whenever no runtime, platform or device is found.</summary>
    public const string InstallHint =
        "Install an OpenCL runtime: on Debian/Ubuntu `apt-get install ocl-icd-libopencl1 pocl-opencl-icd` " +
        "(PoCL, runs on the CPU), or a GPU driver with OpenCL: NVIDIA (the proprietary driver, `nvidia-opencl-icd`), " +
        "AMD (ROCm `rocm-opencl-runtime`), Intel (`intel-opencl-icd`). `clinfo -l` lists what is installed.";

    private static readonly Lock Gate = new();
    private static nint s_handle;
    private static bool s_resolverSet;

    /// <summary>The names tried, in order, for this operating system.</summary>
    public static IReadOnlyList<string> DefaultCandidates { get; } =
        OperatingSystem.IsWindows() ? ["OpenCL.dll"]
        : OperatingSystem.IsMacOS() ? ["/System/Library/Frameworks/OpenCL.framework/OpenCL"]
        : ["libOpenCL.so.1", "libOpenCL.so"];

    /// <summary>Loads the ICD loader once per process and routes <see cref="ClNative.Library"/> to it.</summary>
    public static bool TryEnsureLoaded([NotNullWhen(false)] out string? reason)
    {
        lock (Gate)
        {
            if (s_handle != nint.Zero)
            {
                reason = null;
                return true;
            }

            if (!TryLoad(DefaultCandidates, out nint handle, out reason))
            {
                return false;
            }

            s_handle = handle;
            if (!s_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(OpenClLibrary).Assembly, Resolve);
                s_resolverSet = true;
            }

            return true;
        }
    }

    /// <summary>Tries each candidate name; on failure the reason lists them and says what to install.</summary>
    public static bool TryLoad(IReadOnlyList<string> candidates, out nint handle, [NotNullWhen(false)] out string? reason)
    {
        foreach (string name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                reason = null;
                return true;
            }
        }

        handle = nint.Zero;
        reason = $"No OpenCL runtime library found (tried {string.Join(", ", candidates)}). {InstallHint}";
        return false;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ClNative.Library ? s_handle : nint.Zero;
}
