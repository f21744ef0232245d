using BenchmarkDotNet.Attributes;
using Scoring.Gpu;

namespace Scoring.Bench.Gpu;

/// <summary>
/// A simple fp64 scoring kernel (image job: pixels × steps × rate, rounded to micro-point units on the device) over
/// 1 M and 10 M reports on the first OpenCL device that can score (PoCL on the CPU in CI):
/// with transfers (the batch runner: upload 24 B, download 8 B per report, chunked and overlapped), without transfers
/// (buffers resident on the device), a host memory copy of the same 32 B per report (the bandwidth bound), and the same
/// formula as a single-threaded C# loop.
/// Run: <c>dotnet run -c Release --project bench/Scoring.Bench -- --filter '*OpenClKernel*'</c>.
/// </summary>
[ShortRunJob]
public class OpenClKernelBenchmarks : IDisposable
{
    private const string Source = """
        __kernel void image_points(const long n, __global const double* pixels, __global const double* steps,
                                   __global const double* rate, __global long* units)
        {
            long i = get_global_id(0);
            if (i >= n) return;
            long u;
            sc_to_units(pixels[i] * steps[i] * rate[i], &u);
            units[i] = u;
        }
        """;

    private OpenClContext? _context;
    private OpenClKernel? _kernel;
    private OpenClBatchRunner? _runner;
    private OpenClBuffer[] _resident = [];
    private double[] _pixels = [], _steps = [], _rate = [];
    private long[] _units = [];
    private double[] _copyPixels = [], _copySteps = [], _copyRate = [];
    private long[] _copyUnits = [];
    private OpenClBatchTimings? _lastTimings;

    /// <summary>Reports per batch.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Builds the kernel, fills inputs and the resident device buffers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OpenClDevice device = OpenClRuntime.Load().SelectScoringDevice();
        _context = OpenClContext.Create(device, OpenClProgramCache.MemoryOnly);
        _kernel = _context.BuildProgram(OpenClKernelSource.Compose(Source)).CreateKernel("image_points");
        _runner = _context.CreateBatchRunner();

        var random = new Random(42);
        _pixels = Enumerable.Range(0, N).Select(_ => (double)(512 * 512 * random.Next(1, 16))).ToArray();
        _steps = Enumerable.Range(0, N).Select(_ => (double)random.Next(10, 60)).ToArray();
        _rate = Enumerable.Range(0, N).Select(_ => random.Next(0, 4) switch { 0 => 0.3e-9, 1 => 1e-9, 2 => 1.2e-9, _ => 0.0 }).ToArray();
        _units = new long[N];
        _copyPixels = new double[N];
        _copySteps = new double[N];
        _copyRate = new double[N];
        _copyUnits = new long[N];

        _resident = [.. Enumerable.Range(0, 4).Select(_ => _context.CreateBuffer((long)N * 8))];
        _resident[0].Write<double>(_pixels);
        _resident[1].Write<double>(_steps);
        _resident[2].Write<double>(_rate);
    }

    /// <summary>Upload 3 columns, run, download 1 column (chunked, overlapped).</summary>
    /// <returns>The run's <see cref="OpenClBatchTimings"/> (an internal type of Scoring.Gpu, so returned as an object).</returns>
    [Benchmark]
    public object WithTransfers()
    {
        _lastTimings = _runner!.Run(_kernel!, N,
            [KernelColumn.Input(_pixels), KernelColumn.Input(_steps), KernelColumn.Input(_rate)],
            [KernelColumn.Output(_units)]);
        return _lastTimings;
    }

    /// <summary>The kernel alone on buffers already on the device.</summary>
    [Benchmark]
    public TimeSpan? KernelOnly() => _context!.Launch(_kernel!, N, _resident);

    /// <summary>Copies the same 32 bytes per report in host memory: what the transfers cost at best.</summary>
    [Benchmark(Baseline = true)]
    public long HostCopy()
    {
        _pixels.AsSpan().CopyTo(_copyPixels);
        _steps.AsSpan().CopyTo(_copySteps);
        _rate.AsSpan().CopyTo(_copyRate);
        _units.AsSpan().CopyTo(_copyUnits);
        return _copyUnits[^1];
    }

    /// <summary>The same formula as a single-threaded C# loop (the scalar reference's arithmetic, without the delegate).</summary>
    [Benchmark]
    public long CSharpLoop()
    {
        double[] pixels = _pixels, steps = _steps, rate = _rate;
        long[] units = _copyUnits;
        for (int i = 0; i < units.Length; i++)
        {
            units[i] = (long)Math.Round(pixels[i] * steps[i] * rate[i] * 1e6, MidpointRounding.ToEven);
        }

        return units[^1];
    }

    /// <summary>Prints the profiled split of the last run with transfers and releases the device.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_lastTimings is { } t)
        {
            Console.WriteLine($"// OpenCL split N={N}: upload {t.Upload.TotalMilliseconds:0.0} ms, kernel {t.Kernel.TotalMilliseconds:0.0} ms, " +
                $"download {t.Download.TotalMilliseconds:0.0} ms, elapsed {t.Elapsed.TotalMilliseconds:0.0} ms, chunks {t.Chunks}, profiled {t.IsProfiled}");
        }

        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (OpenClBuffer buffer in _resident)
        {
            buffer.Dispose();
        }

        _resident = [];
        _runner?.Dispose();
        _kernel?.Dispose();
        _context?.Dispose();
        _runner = null;
        _kernel = null;
        _context = null;
        GC.SuppressFinalize(this);
    }
}
