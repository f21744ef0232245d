namespace Scoring.Gpu;

/// <summary>
/// No usable OpenCL device: the runtime library is missing, no platform or device is installed, or the chosen
/// device cannot score (no fp64). The message says why and what to install.
/// </summary>
public sealed class OpenClUnavailableException : Exception
{
    /// <summary>Creates the exception with the human-readable reason.</summary>
    public OpenClUnavailableException(string reason) : base(reason)
    {
    }
}
