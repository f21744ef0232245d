using Xunit.Abstractions;
using FsCheck;
using FsCheck.Fluent;
using Scoring;

namespace Scoring.Gpu.Tests;

/// <summary>
/// The OpenCL C that the code generator will emit, compiled under <see cref="OpenClKernelSource.Prelude"/>, gives the same
/// bits as the C# the scalar evaluator runs, on PoCL, for random inputs including NaN, infinities, signed zeros,
/// subnormals, huge values and rounding ties.
/// </summary>
[Collection(OpenClCollection.Name)]
public sealed class NumericIdentityTests(ITestOutputHelper output) : IDisposable
{
    private const string KernelName = "ops";

    /// <summary>(name, OpenCL expression over a, b, c, l, the C# reference) for each double-valued operation.</summary>
    private static readonly (string Name, string OpenCl, Func<double, double, double, long, double> DotNet)[] DoubleOps =
    [
        ("a * b + c", "a * b + c", (a, b, c, l) => (a * b) + c),
        ("a * b * c", "a * b * c", (a, b, c, l) => a * b * c),
        ("a - b / c", "a - b / c", (a, b, c, l) => a - (b / c)),
        ("a / b", "a / b", (a, b, c, l) => a / b),
        ("a % b", "fmod(a, b)", (a, b, c, l) => a % b),
        ("floor(a)", "floor(a)", (a, b, c, l) => Math.Floor(a)),
        ("ceil(a)", "ceil(a)", (a, b, c, l) => Math.Ceiling(a)),
        ("trunc(a)", "trunc(a)", (a, b, c, l) => Math.Truncate(a)),
        ("abs(a)", "fabs(a)", (a, b, c, l) => Math.Abs(a)),
        ("-a", "-a", (a, b, c, l) => -a),
        ("sqrt(a)", "sqrt(a)", (a, b, c, l) => Math.Sqrt(a)),
        ("min(a, b)", "sc_min(a, b)", (a, b, c, l) => Math.Min(a, b)),
        ("max(a, b)", "sc_max(a, b)", (a, b, c, l) => Math.Max(a, b)),
        ("clamp(a, min(b,c), max(b,c))", "sc_clamp(a, sc_min(b, c), sc_max(b, c))", (a, b, c, l) => Math.Clamp(a, Math.Min(b, c), Math.Max(b, c))),
        ("round-even(a)", "rint(a)", (a, b, c, l) => Math.Round(a, MidpointRounding.ToEven)),
        ("(double)l", "convert_double(l)", (a, b, c, l) => l),
        ("a < b ? a : c", "a < b ? a : c", (a, b, c, l) => a < b ? a : c),
        ("a == b ? 1 : 0", "a == b ? 1.0 : 0.0", (a, b, c, l) => a == b ? 1.0 : 0.0),
        ("!(a >= b) ? b : c", "!(a >= b) ? b : c", (a, b, c, l) => !(a >= b) ? b : c),
    ];

    /// <summary>(name, OpenCL expression, C# reference) for each long-valued operation.</summary>
    private static readonly (string Name, string OpenCl, Func<double, double, double, long, long> DotNet)[] LongOps =
    [
        ("(long)a", "sc_to_long(a)", (a, b, c, l) => (long)a),
        ("units(a)", "sc_units_or_zero(a)", (a, b, c, l) => UnitsOrZero(a)),
        ("units ok(a)", "sc_units_ok(a)", (a, b, c, l) => UnitsFit(a) ? 1 : 0),
        ("units(a * b)", "sc_units_or_zero(a * b)", (a, b, c, l) => UnitsOrZero(a * b)),
    ];

    private static readonly string Source = OpenClKernelSource.Compose($$"""
        long sc_units_or_zero(double x) { long u; sc_to_units(x, &u); return u; }
        long sc_units_ok(double x) { long u; return (long)sc_to_units(x, &u); }

        __kernel void {{KernelName}}(const long n,
            __global const double* as, __global const double* bs, __global const double* cs, __global const long* ls,
            {{string.Join(", ", DoubleOps.Select((_, k) => $"__global double* d{k}"))}},
            {{string.Join(", ", LongOps.Select((_, k) => $"__global long* o{k}"))}})
        {
            long i = get_global_id(0);
            if (i >= n) return;
            double a = as[i]; double b = bs[i]; double c = cs[i]; long l = ls[i];
        {{string.Concat(DoubleOps.Select((op, k) => $"    d{k}[i] = {op.OpenCl};\n"))}}
        {{string.Concat(LongOps.Select((op, k) => $"    o{k}[i] = {op.OpenCl};\n"))}}
        }
        """);

    /// <summary>The reference: <see cref="Points.TryFromDouble"/> (what <see cref="Points.FromDouble"/> throws for is "does not fit").</summary>
    private static bool UnitsFit(double points) => Points.TryFromDouble(points, out _);

    private static long UnitsOrZero(double points) => Points.TryFromDouble(points, out Points p) ? p.Units : 0;

    [OpenClFact]
    public void Random_rows_give_identical_bits_on_the_device_and_in_dotnet()
    {
        using OpenClKernel kernel = OpenClTestDevice.Context.BuildProgram(Source).CreateKernel(KernelName);
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = 97 });
        Prop.ForAll(NumericInputs.Row.ArrayOf().ToArbitrary(), rows => AssertIdentical(runner, kernel, rows))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithEndSize(400));
    }

    [OpenClFact]
    public void Every_triple_of_special_values_gives_identical_bits()
    {
        using OpenClKernel kernel = OpenClTestDevice.Context.BuildProgram(Source).CreateKernel(KernelName);
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner();
        double[] s = NumericInputs.SpecialDoubles;
        long[] longs = NumericInputs.SpecialLongs;
        var rows = new List<(double, double, double, long)>();
        for (int i = 0; i < s.Length; i++)
        {
            for (int j = 0; j < s.Length; j++)
            {
                for (int k = 0; k < s.Length; k++)
                {
                    rows.Add((s[i], s[j], s[k], longs[(i + j + k) % longs.Length]));
                }
            }
        }

        AssertIdentical(runner, kernel, [.. rows]);
    }

    [OpenClFact]
    public void A_million_random_rows_give_identical_bits()
    {
        using OpenClKernel kernel = OpenClTestDevice.Context.BuildProgram(Source).CreateKernel(KernelName);
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = 1 << 18 });
        var rows = Gen.Sample(NumericInputs.Row, 100, new Rnd(20261122UL, 777UL), 1_000_000);
        AssertIdentical(runner, kernel, rows);
    }

    private readonly Dictionary<string, int> _nanBitDifferences = [];

    private bool AssertIdentical(OpenClBatchRunner runner, OpenClKernel kernel, (double A, double B, double C, long L)[] rows)
    {
        int n = rows.Length;
        double[] a = rows.Select(r => r.A).ToArray(), b = rows.Select(r => r.B).ToArray(), c = rows.Select(r => r.C).ToArray();
        long[] l = rows.Select(r => r.L).ToArray();
        double[][] d = DoubleOps.Select(_ => new double[n]).ToArray();
        long[][] o = LongOps.Select(_ => new long[n]).ToArray();
        runner.Run(kernel, n,
            [KernelColumn.Input(a), KernelColumn.Input(b), KernelColumn.Input(c), KernelColumn.Input(l)],
            [.. d.Select(column => KernelColumn.Output(column)), .. o.Select(column => KernelColumn.Output(column))]);
        for (int i = 0; i < n; i++)
        {
            var (x, y, z, w) = rows[i];
            for (int k = 0; k < DoubleOps.Length; k++)
            {
                double expected = DoubleOps[k].DotNet(x, y, z, w);
                double actual = d[k][i];
                if (double.IsNaN(expected) && double.IsNaN(actual))
                {
                    // NaN sign and payload are not portable (see docs/opencl.md); a NaN never becomes points.
                    if (!SameBits(expected, actual))
                    {
                        _nanBitDifferences[DoubleOps[k].Name] = _nanBitDifferences.GetValueOrDefault(DoubleOps[k].Name) + 1;
                    }
                }
                else if (!SameBits(expected, actual))
                {
                    Assert.Fail($"{DoubleOps[k].Name} with a={x:R} b={y:R} c={z:R} l={w}: OpenCL {Describe(actual)}, .NET {Describe(expected)}");
                }
            }

            for (int k = 0; k < LongOps.Length; k++)
            {
                long expected = LongOps[k].DotNet(x, y, z, w);
                long actual = o[k][i];
                if (expected != actual)
                {
                    Assert.Fail($"{LongOps[k].Name} with a={x:R} b={y:R}: OpenCL {actual}, .NET {expected}");
                }
            }
        }

        return true;
    }

    /// <summary>Reports (does not fail on) NaNs whose sign or payload differ, for docs/opencl.md.</summary>
    public void Dispose()
    {
        foreach (var (name, count) in _nanBitDifferences)
        {
            output.WriteLine($"{name}: both NaN but with different sign/payload bits in {count} row(s)");
        }
    }

    private static bool SameBits(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

    private static string Describe(double v) => $"{v:R} (0x{BitConverter.DoubleToInt64Bits(v):X16})";
}
