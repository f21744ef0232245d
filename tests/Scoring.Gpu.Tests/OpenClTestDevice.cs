namespace Scoring.Gpu.Tests;

/// <summary>
/// The one OpenCL device and context the tests share (building a context and programs is the slow part).
/// <see cref="Context"/> throws <see cref="OpenClUnavailableException"/> with the reason when there is no device, which is
/// how a required-but-missing device fails a test.
/// </summary>
public static class OpenClTestDevice
{
    private static readonly Lazy<(OpenClRuntime? Runtime, OpenClDevice? Device, string? Reason)> Probe = new(() =>
    {
        if (!OpenClRuntime.TryLoad(out var runtime, out var reason))
        {
            return (null, null, reason);
        }

        return runtime.TrySelectScoringDevice(null, out var device, out reason) ? (runtime, device, null) : (runtime, null, reason);
    });

    private static readonly Lazy<OpenClContext> SharedContext = new(() => OpenClContext.Create(Device, OpenClProgramCache.MemoryOnly));

    /// <summary>Whether a device that can score was found.</summary>
    public static bool IsAvailable => Probe.Value.Device is not null;

    /// <summary>Why there is no device, or <see langword="null"/>.</summary>
    public static string? UnavailableReason => Probe.Value.Reason;

    /// <summary>The loaded runtime.</summary>
    public static OpenClRuntime Runtime => Probe.Value.Runtime ?? throw new OpenClUnavailableException(UnavailableReason ?? "OpenCL runtime not loaded.");

    /// <summary>The device the tests run on.</summary>
    public static OpenClDevice Device => Probe.Value.Device ?? throw new OpenClUnavailableException(UnavailableReason ?? "No OpenCL device.");

    /// <summary>A context on <see cref="Device"/> with a memory-only program cache.</summary>
    public static OpenClContext Context => SharedContext.Value;
}

/// <summary>OpenCL tests share one device and context; run them one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OpenClCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "OpenCL device";
}
