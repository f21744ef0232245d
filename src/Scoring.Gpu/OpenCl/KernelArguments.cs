namespace Scoring.Gpu.OpenCl;

/// <summary>Checks a launch against the kernel calling convention (<c>n</c>, then one buffer per column).</summary>
internal static class KernelArguments
{
    public static void CheckCount(OpenClKernel kernel, int buffers)
    {
        if (kernel.ArgumentCount != buffers + 1)
        {
            throw new ArgumentException(
                $"Kernel '{kernel.Name}' declares {kernel.ArgumentCount} parameters, but the launch passes {buffers + 1} " +
                $"(n, then {buffers} buffer(s)). Scoring kernels take (const long n, inputs..., outputs...).");
        }
    }
}
