using System.Diagnostics.CodeAnalysis;
using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// The OpenCL platforms and devices installed on this machine. Start here:
/// <code>
/// if (!OpenClRuntime.TryLoad(out var runtime, out var reason)) { Console.WriteLine(reason); return; }
/// OpenClDevice device = runtime.SelectScoringDevice(index: null);   // or --device N
/// using var context = OpenClContext.Create(device);
/// </code>
/// Loading never throws for a missing library, platform or device: the reason says what to install.
/// </summary>
public sealed class OpenClRuntime
{
    private OpenClRuntime(IReadOnlyList<OpenClPlatform> platforms, IReadOnlyList<OpenClDevice> devices)
    {
        Platforms = platforms;
        Devices = devices;
    }

    /// <summary>The installed platforms (drivers), in the ICD loader's order.</summary>
    public IReadOnlyList<OpenClPlatform> Platforms { get; }

    /// <summary>Every device of every platform; <see cref="OpenClDevice.Index"/> is the position in this list.</summary>
    public IReadOnlyList<OpenClDevice> Devices { get; }

    /// <summary>
    /// Loads the OpenCL library and discovers platforms and devices. Returns <see langword="false"/> with a reason
    /// (naming what to install) when the library is missing, no platform is registered, no device exists,
    /// or the driver fails while being queried.
    /// </summary>
    public static bool TryLoad([NotNullWhen(true)] out OpenClRuntime? runtime, [NotNullWhen(false)] out string? reason)
    {
        runtime = null;
        if (!OpenClLibrary.TryEnsureLoaded(out reason))
        {
            return false;
        }

        try
        {
            return TryDiscover(out runtime, out reason);
        }
        catch (Exception ex) when (ex is OpenClException or EntryPointNotFoundException or DllNotFoundException)
        {
            reason = $"The OpenCL runtime failed while listing devices: {ex.Message}. {OpenClLibrary.InstallHint}";
            return false;
        }
    }

    /// <summary>Like <see cref="TryLoad"/>, but throws <see cref="OpenClUnavailableException"/> with the reason.</summary>
    public static OpenClRuntime Load() =>
        TryLoad(out var runtime, out var reason) ? runtime : throw new OpenClUnavailableException(reason);

    /// <summary>
    /// Picks the device to score on: the one at <paramref name="index"/> (see <see cref="OpenClDevice.Index"/>),
    /// or, when <see langword="null"/>, the best device that can score (GPUs before accelerators before CPUs, then more
    /// compute units). Returns <see langword="false"/> with a reason when the index is out of range or the device
    /// cannot score (e.g. no fp64).
    /// </summary>
    public bool TrySelectScoringDevice(int? index, [NotNullWhen(true)] out OpenClDevice? device, [NotNullWhen(false)] out string? reason)
    {
        device = null;
        if (index is int i)
        {
            if (i < 0 || i >= Devices.Count)
            {
                reason = $"There is no OpenCL device #{i}; this machine has {Devices.Count} (0..{Devices.Count - 1}). Run `scoring devices` to list them.";
                return false;
            }

            if (Devices[i].ScoringRefusal is string refusal)
            {
                reason = refusal;
                return false;
            }

            device = Devices[i];
            reason = null;
            return true;
        }

        device = Devices.Where(d => d.CanScore).OrderBy(d => TypeRank(d.Type)).ThenByDescending(d => d.ComputeUnits).FirstOrDefault();
        if (device is null)
        {
            reason = "No OpenCL device can score: " + string.Join(" ", Devices.Select(d => d.ScoringRefusal)) + " " + OpenClLibrary.InstallHint;
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Like <see cref="TrySelectScoringDevice"/>, but throws <see cref="OpenClUnavailableException"/> with the reason.</summary>
    public OpenClDevice SelectScoringDevice(int? index = null) =>
        TrySelectScoringDevice(index, out var device, out var reason) ? device : throw new OpenClUnavailableException(reason);

    private static int TypeRank(OpenClDeviceType type) =>
        type.HasFlag(OpenClDeviceType.Gpu) ? 0 : type.HasFlag(OpenClDeviceType.Accelerator) ? 1 : 2;

    private static unsafe bool TryDiscover([NotNullWhen(true)] out OpenClRuntime? runtime, [NotNullWhen(false)] out string? reason)
    {
        runtime = null;
        uint count;
        int status = ClNative.clGetPlatformIDs(0, null, &count);
        if (status == ClStatus.PlatformNotFoundKhr || (status == ClStatus.Success && count == 0))
        {
            reason = "The OpenCL loader is installed but no OpenCL platform (driver/ICD) is registered in /etc/OpenCL/vendors. " + OpenClLibrary.InstallHint;
            return false;
        }

        ClStatus.Check(status, "clGetPlatformIDs");
        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            ClStatus.Check(ClNative.clGetPlatformIDs(count, p, null), "clGetPlatformIDs");
        }

        var platforms = new List<OpenClPlatform>();
        var devices = new List<OpenClDevice>();
        for (int i = 0; i < ids.Length; i++)
        {
            var platform = new OpenClPlatform(
                i,
                ClInfo.PlatformString(ids[i], ClParam.PlatformName).Trim(),
                ClInfo.PlatformString(ids[i], ClParam.PlatformVendor).Trim(),
                ClInfo.PlatformString(ids[i], ClParam.PlatformVersion).Trim(),
                ClInfo.PlatformString(ids[i], ClParam.PlatformProfile).Trim());
            platforms.Add(platform);
            foreach (nint deviceId in DeviceIds(ids[i]))
            {
                devices.Add(new OpenClDevice(devices.Count, platform, ids[i], deviceId));
            }
        }

        if (devices.Count == 0)
        {
            reason = $"OpenCL platform(s) {string.Join(", ", platforms.Select(p => $"'{p.Name}'"))} are installed but report no device. {OpenClLibrary.InstallHint}";
            return false;
        }

        runtime = new OpenClRuntime(platforms, devices);
        reason = null;
        return true;
    }

    private static unsafe nint[] DeviceIds(nint platform)
    {
        const int deviceNotFound = -1;
        uint count;
        int status = ClNative.clGetDeviceIDs(platform, ClParam.DeviceTypeAll, 0, null, &count);
        if (status == deviceNotFound)
        {
            return [];
        }

        ClStatus.Check(status, "clGetDeviceIDs");
        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            ClStatus.Check(ClNative.clGetDeviceIDs(platform, ClParam.DeviceTypeAll, count, p, null), "clGetDeviceIDs");
        }

        return ids;
    }
}
