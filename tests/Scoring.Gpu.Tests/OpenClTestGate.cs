namespace Scoring.Gpu.Tests;

/// <summary>
/// Decides whether an OpenCL test runs. xunit 2 cannot skip at run time, so the decision is made when the attribute is
/// constructed: skip when no device is available, unless <c>SCORING_REQUIRE_OPENCL=1</c> (CI), in which case the test
/// runs and fails with the reason the device is missing.
/// </summary>
public static class OpenClTestGate
{
    /// <summary>The environment variable CI sets so a missing OpenCL device fails instead of skipping.</summary>
    public const string RequireVariable = "SCORING_REQUIRE_OPENCL";

    /// <summary>Whether the variable's value asks for OpenCL to be required (<c>1</c> or <c>true</c>).</summary>
    public static bool IsRequired(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The xunit skip reason, or <see langword="null"/> to run the test (device available, or OpenCL required).</summary>
    public static string? SkipReason(string? requireValue, bool available, string? unavailableReason) =>
        available || IsRequired(requireValue)
            ? null
            : $"No OpenCL device: {unavailableReason} (set {RequireVariable}=1 to fail instead of skipping).";

    /// <summary>The skip reason for this process: the real environment and the real device probe.</summary>
    public static string? CurrentSkipReason() =>
        SkipReason(Environment.GetEnvironmentVariable(RequireVariable), OpenClTestDevice.IsAvailable, OpenClTestDevice.UnavailableReason);
}

/// <summary>A <see cref="FactAttribute"/> that skips without an OpenCL device (unless <c>SCORING_REQUIRE_OPENCL=1</c>).</summary>
public sealed class OpenClFactAttribute : FactAttribute
{
    /// <summary>Applies the gate.</summary>
    public OpenClFactAttribute()
    {
        if (OpenClTestGate.CurrentSkipReason() is string reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A <see cref="TheoryAttribute"/> that skips without an OpenCL device (unless <c>SCORING_REQUIRE_OPENCL=1</c>).</summary>
public sealed class OpenClTheoryAttribute : TheoryAttribute
{
    /// <summary>Applies the gate.</summary>
    public OpenClTheoryAttribute()
    {
        if (OpenClTestGate.CurrentSkipReason() is string reason)
        {
            Skip = reason;
        }
    }
}
