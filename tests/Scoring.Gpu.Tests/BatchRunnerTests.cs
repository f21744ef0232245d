using FsCheck;
using FsCheck.Fluent;

namespace Scoring.Gpu.Tests;

[Collection(OpenClCollection.Name)]
public sealed class BatchRunnerTests
{
    // One kernel per element type: out = f(in) with a cheap exact formula the test recomputes in C#.
    private static readonly string Source = OpenClKernelSource.Compose("""
        __kernel void mixed(const long n,
                            __global const double* price, __global const long* count, __global const int* id, __global const uchar* flag,
                            __global double* total, __global long* units, __global int* next_id, __global uchar* not_flag)
        {
            long i = get_global_id(0);
            if (i >= n) return;
            total[i] = price[i] * (double)count[i];
            long u;
            sc_to_units(total[i], &u);
            units[i] = u;
            next_id[i] = id[i] + 1;
            not_flag[i] = (uchar)(flag[i] == 0);
        }
        """);

    private static OpenClKernel CreateKernel() => OpenClTestDevice.Context.BuildProgram(Source).CreateKernel("mixed");

    [OpenClTheory]
    [InlineData(0, 1 << 20)]
    [InlineData(1, 1 << 20)]
    [InlineData(7, 1 << 20)]
    [InlineData(255, 1 << 20)]
    [InlineData(257, 1 << 20)]
    [InlineData(1000, 64)]
    [InlineData(1001, 100)]
    [InlineData(4097, 4096)]
    [InlineData(100_003, 8191)]
    public void Runs_any_batch_size_and_chunking(int count, int chunkSize)
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = chunkSize });
        var batch = Batch.Random(count, seed: count);
        OpenClBatchTimings timings = batch.RunOn(runner, kernel);
        batch.AssertMatchesReference();
        Assert.Equal(count, timings.Count);
        Assert.Equal(count == 0 ? 0 : (count + chunkSize - 1) / chunkSize, timings.Chunks);
        Assert.Equal(count * (8L + 8 + 4 + 1), timings.UploadBytes);
        Assert.Equal(count * (8L + 8 + 4 + 1), timings.DownloadBytes);
    }

    [OpenClFact]
    public void Random_batches_and_chunk_sizes_match_the_reference()
    {
        using OpenClKernel kernel = CreateKernel();
        var cases = Gen.Choose(0, 3000).Zip(Gen.Choose(1, 700)).Zip(Gen.Choose(1, 8).Select(k => (int?)(k * 8)).Or(Gen.Constant<int?>(null)));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            ((int count, int chunk), int? workGroup) = c;
            using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = chunk, WorkGroupSize = workGroup });
            var batch = Batch.Random(count, seed: count * 31 + chunk);
            batch.RunOn(runner, kernel);
            batch.AssertMatchesReference();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [OpenClFact]
    public void Device_buffers_are_reused_across_batches_and_grown_when_needed()
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = 10_000 });

        Batch.Random(1000, seed: 1).RunAndCheck(runner, kernel);
        int allocations = runner.BufferAllocations;
        long bytes = runner.DeviceBytesAllocated;
        Assert.Equal(8, allocations);

        Batch.Random(10, seed: 2).RunAndCheck(runner, kernel);
        Batch.Random(1000, seed: 3).RunAndCheck(runner, kernel);
        Assert.Equal(allocations, runner.BufferAllocations);
        Assert.Equal(bytes, runner.DeviceBytesAllocated);

        Batch.Random(5000, seed: 4).RunAndCheck(runner, kernel);
        Assert.True(runner.BufferAllocations > allocations);
        Assert.True(runner.DeviceBytesAllocated > bytes);

        int grown = runner.BufferAllocations;
        Batch.Random(25_001, seed: 5).RunAndCheck(runner, kernel);   // three chunks: the second buffer set appears
        Assert.Equal(grown + 8 + 8, runner.BufferAllocations);
        Batch.Random(25_001, seed: 6).RunAndCheck(runner, kernel);
        Assert.Equal(grown + 16, runner.BufferAllocations);
    }

    [OpenClFact]
    public void Timings_come_from_profiling_events()
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = 20_000 });
        OpenClBatchTimings timings = Batch.Random(50_000, seed: 9).RunOn(runner, kernel);
        Assert.Equal(OpenClTestDevice.Context.IsProfilingEnabled, timings.IsProfiled);
        Assert.True(timings.IsProfiled, "PoCL supports profiling queues");
        Assert.True(timings.Kernel > TimeSpan.Zero);
        Assert.True(timings.Upload >= TimeSpan.Zero && timings.Download >= TimeSpan.Zero);
        Assert.True(timings.Elapsed > TimeSpan.Zero);
    }

    [OpenClFact]
    public void A_column_of_the_wrong_length_names_the_column()
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner();
        var batch = Batch.Random(10, seed: 1);
        KernelColumn[] inputs = [KernelColumn.Input(batch.Price), KernelColumn.Input(new long[9]), KernelColumn.Input(batch.Id), KernelColumn.Input(batch.Flag)];
        var ex = Assert.Throws<ArgumentException>(() => runner.Run(kernel, 10, inputs, batch.Outputs()));
        Assert.Contains("input column 1 has 9 elements, but the batch has 10", ex.Message);
    }

    [OpenClFact]
    public void An_output_passed_as_input_is_refused()
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner();
        var batch = Batch.Random(4, seed: 1);
        KernelColumn[] inputs = [KernelColumn.Output(new double[4]), .. batch.Inputs().Skip(1)];
        var ex = Assert.Throws<ArgumentException>(() => runner.Run(kernel, 4, inputs, batch.Outputs()));
        Assert.Contains("input column 0 was created with KernelColumn.Output", ex.Message);
    }

    [OpenClFact]
    public void A_kernel_with_a_different_parameter_count_is_refused()
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner();
        var batch = Batch.Random(4, seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => runner.Run(kernel, 4, batch.Inputs(), batch.Outputs().Take(3).ToArray()));
        Assert.Contains("declares 9 parameters, but the launch passes 8", ex.Message);
    }

    [OpenClFact]
    public void A_work_group_size_beyond_the_kernel_limit_is_refused()
    {
        using OpenClKernel kernel = CreateKernel();
        using OpenClBatchRunner runner = OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { WorkGroupSize = (int)kernel.MaxWorkGroupSize + 1 });
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Batch.Random(4, seed: 1).RunOn(runner, kernel));
        Assert.Contains("accepts work-group sizes", ex.Message);
    }

    [OpenClFact]
    public void A_zero_chunk_size_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenClTestDevice.Context.CreateBatchRunner(new OpenClBatchRunnerOptions { ChunkSize = 0 }));

    [OpenClFact]
    public void Launch_runs_on_resident_buffers_without_transfers()
    {
        OpenClContext context = OpenClTestDevice.Context;
        using OpenClKernel kernel = context.BuildProgram(OpenClKernelSource.Compose("""
            __kernel void square(const long n, __global const double* x, __global double* y)
            {
                long i = get_global_id(0);
                if (i >= n) return;
                y[i] = x[i] * x[i];
            }
            """)).CreateKernel("square");
        double[] x = [1.5, -2.0, 3.0, 1e200, 0.1];
        using OpenClBuffer input = context.CreateBuffer(x.Length * sizeof(double));
        using OpenClBuffer output = context.CreateBuffer(x.Length * sizeof(double));
        input.Write<double>(x);
        TimeSpan? time = context.Launch(kernel, x.Length, input, output);
        var y = new double[x.Length];
        output.Read<double>(y);
        Assert.Equal(x.Select(v => v * v), y);
        Assert.NotNull(time);
        Assert.Throws<ArgumentException>(() => input.Write<double>(new double[6]));
    }

    /// <summary>A random batch with every column type, and its C# reference.</summary>
    private sealed class Batch
    {
        public required double[] Price { get; init; }
        public required long[] Count { get; init; }
        public required int[] Id { get; init; }
        public required byte[] Flag { get; init; }
        public double[] Total { get; private init; } = [];
        public long[] Units { get; private init; } = [];
        public int[] NextId { get; private init; } = [];
        public byte[] NotFlag { get; private init; } = [];

        public static Batch Random(int count, int seed)
        {
            var random = new Random(seed);
            return new Batch
            {
                Price = Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 100, 3)).ToArray(),
                Count = Enumerable.Range(0, count).Select(_ => random.NextInt64(0, 1_000_000)).ToArray(),
                Id = Enumerable.Range(0, count).Select(_ => random.Next(0, int.MaxValue - 1)).ToArray(),
                Flag = Enumerable.Range(0, count).Select(_ => (byte)random.Next(0, 3)).ToArray(),
                Total = new double[count],
                Units = new long[count],
                NextId = new int[count],
                NotFlag = new byte[count],
            };
        }

        public KernelColumn[] Inputs() => [KernelColumn.Input(Price), KernelColumn.Input(Count), KernelColumn.Input(Id), KernelColumn.Input(Flag)];

        public KernelColumn[] Outputs() => [KernelColumn.Output(Total), KernelColumn.Output(Units), KernelColumn.Output(NextId), KernelColumn.Output(NotFlag)];

        public OpenClBatchTimings RunOn(OpenClBatchRunner runner, OpenClKernel kernel) => runner.Run(kernel, Price.Length, Inputs(), Outputs());

        public void RunAndCheck(OpenClBatchRunner runner, OpenClKernel kernel)
        {
            RunOn(runner, kernel);
            AssertMatchesReference();
        }

        public void AssertMatchesReference()
        {
            for (int i = 0; i < Price.Length; i++)
            {
                double total = Price[i] * Count[i];
                long units = (long)Math.Round(total * 1e6, MidpointRounding.ToEven);
                if (BitConverter.DoubleToInt64Bits(total) != BitConverter.DoubleToInt64Bits(Total[i]) || units != Units[i]
                    || NextId[i] != Id[i] + 1 || NotFlag[i] != (Flag[i] == 0 ? 1 : 0))
                {
                    Assert.Fail($"row {i} of {Price.Length}: price {Price[i]:R} count {Count[i]} id {Id[i]} flag {Flag[i]} -> " +
                        $"total {Total[i]:R} (want {total:R}), units {Units[i]} (want {units}), next {NextId[i]}, not {NotFlag[i]}");
                }
            }
        }
    }
}

[Collection(OpenClCollection.Name)]
public sealed class LaunchErrorTests
{
    [OpenClFact]
    public void A_kernel_with_an_int_n_fails_naming_the_call_and_error_and_the_runner_stays_usable()
    {
        OpenClContext context = OpenClTestDevice.Context;
        using OpenClKernel wrong = context.BuildProgram(OpenClKernelSource.Compose("""
            __kernel void int_n(const int n, __global const double* x, __global double* y)
            {
                int i = get_global_id(0);
                if (i >= n) return;
                y[i] = x[i];
            }
            """)).CreateKernel("int_n");
        using OpenClKernel right = context.BuildProgram(OpenClKernelSource.Compose("""
            __kernel void long_n(const long n, __global const double* x, __global double* y)
            {
                long i = get_global_id(0);
                if (i >= n) return;
                y[i] = x[i];
            }
            """)).CreateKernel("long_n");
        using OpenClBatchRunner runner = context.CreateBatchRunner();
        double[] x = [1, 2, 3];
        var y = new double[3];

        var ex = Assert.Throws<OpenClException>(() => runner.Run(wrong, 3, [KernelColumn.Input(x)], [KernelColumn.Output(y)]));
        Assert.Equal("CL_INVALID_ARG_SIZE", ex.ErrorName);
        Assert.Contains("clSetKernelArg('int_n', 0)", ex.Message);

        runner.Run(right, 3, [KernelColumn.Input(x)], [KernelColumn.Output(y)]);
        Assert.Equal(x, y);
    }

    [OpenClFact]
    public void Launch_checks_the_buffer_count()
    {
        OpenClContext context = OpenClTestDevice.Context;
        using OpenClKernel kernel = context.BuildProgram(OpenClKernelSource.Compose("""
            __kernel void copy1(const long n, __global const double* x, __global double* y)
            {
                long i = get_global_id(0);
                if (i >= n) return;
                y[i] = x[i];
            }
            """)).CreateKernel("copy1");
        using OpenClBuffer only = context.CreateBuffer(8);
        var ex = Assert.Throws<ArgumentException>(() => context.Launch(kernel, 1, only));
        Assert.Contains("declares 3 parameters, but the launch passes 2", ex.Message);
    }

    [OpenClFact]
    public void A_zero_byte_buffer_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenClTestDevice.Context.CreateBuffer(0));
}
