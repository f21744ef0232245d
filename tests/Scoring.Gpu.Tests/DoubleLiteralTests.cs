using FsCheck;
using FsCheck.Fluent;

namespace Scoring.Gpu.Tests;

[Collection(OpenClCollection.Name)]
public sealed class DoubleLiteralTests
{
    [Theory]
    [InlineData(3.0, "0x1.8000000000000p+1")]
    [InlineData(-0.5, "(-0x1.0000000000000p-1)")]
    [InlineData(0.0, "0x0.0p+0")]
    [InlineData(-0.0, "(-0x0.0p+0)")]
    [InlineData(double.Epsilon, "0x0.0000000000001p-1022")]
    [InlineData(double.PositiveInfinity, "(1.0 / 0.0)")]
    [InlineData(double.NegativeInfinity, "(-1.0 / 0.0)")]
    [InlineData(double.NaN, "(0.0 / 0.0)")]
    public void Literals_are_exact_hexadecimal_or_bit_patterns(double value, string expected) =>
        Assert.Equal(expected, OpenClKernelSource.DoubleLiteral(value));

    [OpenClFact]
    public void Every_literal_compiles_to_the_same_bits_on_the_device()
    {
        double[] values =
        [
            .. NumericInputs.SpecialDoubles,
            BitConverter.Int64BitsToDouble(0x7FF4000000000001), // a signalling-NaN pattern
            .. Gen.Sample(NumericInputs.Double, 100, new Rnd(7UL, 11UL), 3000),
        ];
        string source = OpenClKernelSource.Compose($$"""
            __constant double table[{{values.Length}}] = { {{string.Join(", ", values.Select(OpenClKernelSource.DoubleLiteral))}} };

            __kernel void literals(const long n, __global double* y)
            {
                long i = get_global_id(0);
                if (i >= n) return;
                y[i] = table[i];
            }
            """);
        using OpenClKernel kernel = OpenClTestDevice.Context.BuildProgram(source).CreateKernel("literals");
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner();
        var y = new double[values.Length];
        runner.Run(kernel, values.Length, [], [KernelColumn.Output(y)]);
        for (int i = 0; i < values.Length; i++)
        {
            bool same = BitConverter.DoubleToInt64Bits(values[i]) == BitConverter.DoubleToInt64Bits(y[i])
                || (double.IsNaN(values[i]) && double.IsNaN(y[i]));
            Assert.True(same, $"{OpenClKernelSource.DoubleLiteral(values[i])}: device {y[i]:R}, expected {values[i]:R}");
        }
    }
}
