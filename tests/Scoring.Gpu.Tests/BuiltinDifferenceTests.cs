namespace Scoring.Gpu.Tests;

/// <summary>
/// Where OpenCL C built-ins and .NET disagree by specification. The code generator must not emit these built-ins for the
/// rule language's operators; it emits the <see cref="OpenClKernelSource.Prelude"/> functions instead
/// (<see cref="NumericIdentityTests"/> proves those equal .NET). Each case shows the built-in's result and the .NET one.
/// </summary>
[Collection(OpenClCollection.Name)]
public sealed class BuiltinDifferenceTests
{
    private static readonly string Source = OpenClKernelSource.Compose("""
        __kernel void builtins(const long n, __global const double* a, __global const double* b, __global const double* c,
                               __global double* fmin_, __global double* fmax_, __global double* clamp_, __global double* round_,
                               __global double* fma_, __global double* mul_add, __global double* sc_min_, __global double* sc_max_)
        {
            long i = get_global_id(0);
            if (i >= n) return;
            fmin_[i] = fmin(a[i], b[i]);
            fmax_[i] = fmax(a[i], b[i]);
            clamp_[i] = clamp(a[i], b[i], c[i]);
            round_[i] = round(a[i]);
            fma_[i] = fma(a[i], b[i], c[i]);
            mul_add[i] = a[i] * b[i] + c[i];
            sc_min_[i] = sc_min(a[i], b[i]);
            sc_max_[i] = sc_max(a[i], b[i]);
        }
        """);

    private static Results Run(double a, double b, double c)
    {
        using OpenClKernel kernel = OpenClTestDevice.Context.BuildProgram(Source).CreateKernel("builtins");
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner();
        double[][] outputs = Enumerable.Range(0, 8).Select(_ => new double[1]).ToArray();
        runner.Run(kernel, 1, [KernelColumn.Input(new[] { a }), KernelColumn.Input(new[] { b }), KernelColumn.Input(new[] { c })], [.. outputs.Select(o => KernelColumn.Output(o))]);
        return new Results(outputs[0][0], outputs[1][0], outputs[2][0], outputs[3][0], outputs[4][0], outputs[5][0], outputs[6][0], outputs[7][0]);
    }

    [OpenClFact]
    public void Fp_contract_off_keeps_a_times_b_plus_c_unfused()
    {
        // a * b = 1 - 2^-54 exactly, which rounds (ties to even) to 1.0, so the unfused result is 0;
        // a fused multiply-add keeps the product exact and gives -2^-54.
        double a = 1 + Math.Pow(2, -27), b = 1 - Math.Pow(2, -27);
        Results r = Run(a, b, -1.0);
        Assert.Equal(0.0, (a * b) + -1.0);
        Assert.Equal(0.0, r.MulAdd);
        Assert.Equal(-Math.Pow(2, -54), r.Fma);
        Assert.Equal(Math.FusedMultiplyAdd(a, b, -1.0), r.Fma);
    }

    [OpenClFact]
    public void Fmin_and_fmax_ignore_a_nan_where_math_min_and_max_return_it()
    {
        Results r = Run(double.NaN, 1.0, 2.0);
        Assert.Equal(1.0, r.Fmin);
        Assert.Equal(1.0, r.Fmax);
        Assert.True(double.IsNaN(Math.Min(double.NaN, 1.0)));
        Assert.True(double.IsNaN(Math.Max(double.NaN, 1.0)));
        Assert.True(double.IsNaN(r.ScMin));
        Assert.True(double.IsNaN(r.ScMax));
    }

    [OpenClFact]
    public void Sc_min_and_sc_max_order_signed_zeros_like_dotnet()
    {
        Results r = Run(0.0, -0.0, 1.0);
        Assert.True(double.IsNegative(Math.Min(0.0, -0.0)));
        Assert.True(double.IsNegative(r.ScMin));
        Assert.False(double.IsNegative(Math.Max(-0.0, 0.0)));
        Assert.False(double.IsNegative(r.ScMax));
    }

    [OpenClFact]
    public void Clamp_turns_nan_into_the_lower_bound_where_math_clamp_keeps_nan()
    {
        Results r = Run(double.NaN, 0.0, 1.0);
        Assert.Equal(0.0, r.Clamp);
        Assert.True(double.IsNaN(Math.Clamp(double.NaN, 0.0, 1.0)));
    }

    [OpenClFact]
    public void Round_is_half_away_from_zero_where_math_round_is_half_to_even()
    {
        Results r = Run(2.5, 0, 0);
        Assert.Equal(3.0, r.Round);
        Assert.Equal(2.0, Math.Round(2.5));
        Assert.Equal(3.0, Math.Round(2.5, MidpointRounding.AwayFromZero));
    }

    private sealed record Results(double Fmin, double Fmax, double Clamp, double Round, double Fma, double MulAdd, double ScMin, double ScMax);
}
