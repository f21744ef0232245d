using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// An OpenCL call failed. The message names the call and the <c>CL_*</c> error, e.g.
/// <c>clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)</c>, followed by the compiler's build log when there is one.
/// </summary>
public sealed class OpenClException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="call">The OpenCL function that failed, e.g. <c>clEnqueueNDRangeKernel</c>.</param>
    /// <param name="errorCode">The <c>cl_int</c> status it returned.</param>
    /// <param name="buildLog">The program build log, for build failures.</param>
    public OpenClException(string call, int errorCode, string? buildLog = null)
        : base(Describe(call, errorCode, buildLog))
    {
        Call = call;
        ErrorCode = errorCode;
        BuildLog = buildLog;
    }

    /// <summary>The OpenCL function that failed.</summary>
    public string Call { get; }

    /// <summary>The raw <c>cl_int</c> status.</summary>
    public int ErrorCode { get; }

    /// <summary>The symbolic name of <see cref="ErrorCode"/>, e.g. <c>CL_OUT_OF_RESOURCES</c>.</summary>
    public string ErrorName => ClStatus.Name(ErrorCode);

    /// <summary>The compiler output when a program failed to build; otherwise <see langword="null"/>.</summary>
    public string? BuildLog { get; }

    private static string Describe(string call, int errorCode, string? buildLog)
    {
        string head = $"{call} failed: {ClStatus.Name(errorCode)} ({errorCode})";
        return string.IsNullOrWhiteSpace(buildLog) ? head : head + Environment.NewLine + "Build log:" + Environment.NewLine + buildLog;
    }
}
