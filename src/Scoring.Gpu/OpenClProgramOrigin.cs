namespace Scoring.Gpu;

/// <summary>Where a built program came from.</summary>
internal enum OpenClProgramOrigin
{
    /// <summary>Compiled from OpenCL C source (first use, or the disk cache had no valid binary).</summary>
    Source,

    /// <summary>Loaded from a program binary in <see cref="OpenClProgramCache"/>.</summary>
    DiskCache,
}
