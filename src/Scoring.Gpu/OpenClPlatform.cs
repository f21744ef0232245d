namespace Scoring.Gpu;

/// <summary>An installed OpenCL platform (one vendor driver, an "ICD").</summary>
/// <param name="Index">Position in <see cref="OpenClRuntime.Platforms"/>.</param>
/// <param name="Name">e.g. <c>Portable Computing Language</c>, <c>NVIDIA CUDA</c>.</param>
/// <param name="Vendor">e.g. <c>The pocl project</c>.</param>
/// <param name="Version">e.g. <c>OpenCL 3.0 PoCL 3.1</c>.</param>
/// <param name="Profile"><c>FULL_PROFILE</c> or <c>EMBEDDED_PROFILE</c>.</param>
public sealed record OpenClPlatform(int Index, string Name, string Vendor, string Version, string Profile);
