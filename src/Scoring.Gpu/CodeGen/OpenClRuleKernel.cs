using Scoring.Evaluation;

namespace Scoring.Gpu.CodeGen;

/// <summary>
/// A rule program emitted as one OpenCL C kernel: <see cref="Source"/>, the kernel <see cref="KernelName"/>, and the
/// input <see cref="Columns"/> it reads in parameter order (inputs the rules never read are not uploaded).
/// </summary>
/// <remarks>
/// Kernel signature: <c>__kernel void score_rules(const long n, inputs..., __global long* out0, ..., __global uchar* errors)</c>
/// with <c>double*</c>, <c>long*</c>, <c>uchar*</c> (bool) and <c>int*</c> (symbol ids) inputs and one <c>long*</c> per
/// output of the program, in output order (micro-point units for a points output, the raw IEEE bits for a double output).
/// </remarks>
internal sealed class OpenClRuleKernel
{
    /// <summary>The <c>__kernel</c> function name.</summary>
    public const string KernelName = "score_rules";

    internal OpenClRuleKernel(string source, IReadOnlyList<IrInput> columns)
    {
        Source = source;
        Columns = columns;
    }

    /// <summary>The complete OpenCL C program (prelude, lookup tables, helpers, kernel).</summary>
    public string Source { get; }

    /// <summary>The inputs passed to the kernel, in parameter order after <c>n</c>.</summary>
    public IReadOnlyList<IrInput> Columns { get; }

    /// <summary>Emits the kernel for <paramref name="program"/>.</summary>
    public static OpenClRuleKernel Emit(RuleProgram program) => OpenClRuleEmitter.Emit(program);
}
