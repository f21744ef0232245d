using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Gpu;
using Scoring.Gpu.CodeGen;

namespace Scoring.Bench.Batch;

/// <summary>
/// The batch evaluators on the image-job rule set (<see cref="ImageJobWorkload"/>), 1 M and 10 M reports:
/// the scalar compiled delegate (reference, one thread), SIMD (all cores), OpenCL with transfers (the evaluator:
/// upload the 8 input columns, 60 B per report; download units and error codes, 9 B), the OpenCL kernel alone on
/// resident buffers, and the memory-bandwidth bound: a parallel copy of the same 69 bytes per report in host memory.
/// Run: <c>dotnet run -c Release --project bench/Scoring.Bench -- --filter '*BatchEvaluator*'</c>.
/// </summary>
[Config(typeof(ShortInProcess))]
public class BatchEvaluatorBenchmarks : IDisposable
{
    /// <summary>
    /// One warm-up and three measured iterations, in the host process: on this shared 2-core machine a separate
    /// benchmark build exceeds BenchmarkDotNet's build timeout, and 10 M reports need few iterations.
    /// </summary>
    public sealed class ShortInProcess : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public ShortInProcess() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private CompiledRuleSet? _ruleSet;
    private ReportBatch? _batch;
    private ScalarBatchEvaluator? _scalar;
    private SimdBatchEvaluator? _simd;
    private OpenClEvaluator? _opencl;
    private OpenClContext? _context;
    private OpenClKernel? _residentKernel;
    private OpenClBuffer[] _resident = [];
    private readonly BatchResults _results = new();
    private Array[] _copySources = [];
    private Array[] _copyTargets = [];

    /// <summary>Reports per batch.</summary>
    [Params(1_000_000, 10_000_000)]
    public int N { get; set; }

    /// <summary>Compiles the rule set, draws the reports, builds every backend.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ruleSet = ImageJobWorkload.Compile();
        _batch = ImageJobWorkload.Reports(_ruleSet, N);
        _scalar = new ScalarBatchEvaluator(_ruleSet);
        _simd = new SimdBatchEvaluator(_ruleSet);
        _results.Reset(N);
        _copySources = [.. Enumerable.Range(0, _batch.Inputs.Count).Select(_batch.Column), _results.Units, _results.Errors];
        _copyTargets = [.. _copySources.Select(a => Array.CreateInstance(a.GetType().GetElementType()!, a.Length))];

        var device = OpenClRuntime.Load().SelectScoringDevice();
        _context = OpenClContext.Create(device, OpenClProgramCache.MemoryOnly);
        _opencl = new OpenClEvaluator(_ruleSet, _context);
        _residentKernel = _opencl.BuiltProgram.CreateKernel(OpenClRuleKernel.KernelName);
        var columns = _opencl.Kernel.Columns;
        _resident = [.. columns.Select(c => _context.CreateBuffer((long)N * ElementSize(c.Type))), _context.CreateBuffer((long)N * 8), _context.CreateBuffer(N)];
        for (var i = 0; i < columns.Count; i++)
        {
            var column = _batch.Column(columns[i].Index);
            switch (column)
            {
                case double[] d: _resident[i].Write<double>(d.AsSpan(0, N)); break;
                case long[] l: _resident[i].Write<long>(l.AsSpan(0, N)); break;
                case int[] s: _resident[i].Write<int>(s.AsSpan(0, N)); break;
                case bool[] b: _resident[i].Write<byte>(b.Select(x => x ? (byte)1 : (byte)0).ToArray()); break;
            }
        }

        // every backend must agree before anything is timed
        var reference = new BatchResults();
        _scalar.Evaluate(_batch, reference);
        foreach (IBatchEvaluator other in new IBatchEvaluator[] { _simd, _opencl })
        {
            other.Evaluate(_batch, _results);
            if (!reference.Units.AsSpan(0, N).SequenceEqual(_results.Units.AsSpan(0, N)) || !reference.Errors.AsSpan(0, N).SequenceEqual(_results.Errors.AsSpan(0, N)))
            {
                throw new InvalidOperationException($"{other.Name} disagrees with the scalar reference.");
            }
        }
        Console.WriteLine($"// {N} reports: {reference.Errors.Take(N).Count(e => e != EvaluationError.None)} voided; OpenCL {_opencl.BytesPerReport} B/report; {_simd.Description}; {_opencl.Description}");
    }

    /// <summary>The reference: the compiled delegate, one thread.</summary>
    [Benchmark(Baseline = true)]
    public long Scalar()
    {
        _scalar!.Evaluate(_batch!, _results);
        return _results.Units[0];
    }

    /// <summary>SIMD on all cores.</summary>
    [Benchmark]
    public long Simd()
    {
        _simd!.Evaluate(_batch!, _results);
        return _results.Units[0];
    }

    /// <summary>OpenCL: upload, kernel, download (chunked, overlapped).</summary>
    [Benchmark]
    public long OpenClWithTransfers()
    {
        _opencl!.Evaluate(_batch!, _results);
        return _results.Units[0];
    }

    /// <summary>The same OpenCL kernel on buffers already on the device.</summary>
    [Benchmark]
    public TimeSpan? OpenClKernelOnly() => _context!.Launch(_residentKernel!, N, _resident);

    /// <summary>The bandwidth bound: copy every byte SIMD reads and writes (inputs and results), on all cores.</summary>
    [Benchmark]
    public int MemoryCopy()
    {
        Parallel.For(0, _copySources.Length * 2, k =>
        {
            var (source, target) = (_copySources[k / 2], _copyTargets[k / 2]);
            int half = source.Length / 2, start = k % 2 == 0 ? 0 : half, length = k % 2 == 0 ? half : source.Length - half;
            Array.Copy(source, start, target, start, length);
        });
        return _copyTargets.Length;
    }

    /// <summary>Releases the device.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_opencl?.LastTimings is { } t)
        {
            Console.WriteLine($"// OpenCL split N={N}: upload {t.Upload.TotalMilliseconds:0.0} ms, kernel {t.Kernel.TotalMilliseconds:0.0} ms, download {t.Download.TotalMilliseconds:0.0} ms, elapsed {t.Elapsed.TotalMilliseconds:0.0} ms, chunks {t.Chunks}, profiled {t.IsProfiled}");
        }
        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var buffer in _resident) buffer.Dispose();
        _resident = [];
        _residentKernel?.Dispose();
        _opencl?.Dispose();
        _context?.Dispose();
        _residentKernel = null;
        _opencl = null;
        _context = null;
        GC.SuppressFinalize(this);
    }

    private static int ElementSize(IrType type) => type switch
    {
        IrType.Double or IrType.Int => 8,
        IrType.Symbol => 4,
        _ => 1,
    };
}
