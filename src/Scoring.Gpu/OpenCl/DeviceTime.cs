namespace Scoring.Gpu.OpenCl;

/// <summary>Reads how long a finished command ran on the device (<c>CL_PROFILING_COMMAND_START..END</c>).</summary>
internal static unsafe class DeviceTime
{
    /// <summary>The command's device time, or <see langword="null"/> when the driver has no profiling data for it.</summary>
    public static TimeSpan? Of(ClEventHandle completed)
    {
        ulong start;
        ulong end;
        int status = ClNative.clGetEventProfilingInfo(completed.Value, ClParam.ProfilingCommandStart, sizeof(ulong), &start, null);
        if (status == ClStatus.ProfilingInfoNotAvailable)
        {
            return null;
        }

        ClStatus.Check(status, "clGetEventProfilingInfo(CL_PROFILING_COMMAND_START)");
        ClStatus.Check(ClNative.clGetEventProfilingInfo(completed.Value, ClParam.ProfilingCommandEnd, sizeof(ulong), &end, null), "clGetEventProfilingInfo(CL_PROFILING_COMMAND_END)");
        return TimeSpan.FromTicks((long)((end - Math.Min(start, end)) / 100));
    }
}
