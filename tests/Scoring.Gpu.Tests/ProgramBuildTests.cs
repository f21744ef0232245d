using FsCheck;
using FsCheck.Fluent;

namespace Scoring.Gpu.Tests;

[Collection(OpenClCollection.Name)]
public sealed class ProgramBuildTests
{
    private static string Twice(string name = "twice") => OpenClKernelSource.Compose($$"""
        __kernel void {{name}}(const long n, __global const double* x, __global double* y)
        {
            long i = get_global_id(0);
            if (i >= n) return;
            y[i] = x[i] * 2.0;
        }
        """);

    [OpenClFact]
    public void A_syntax_error_throws_build_program_failure_with_the_build_log()
    {
        string source = OpenClKernelSource.Compose("__kernel void broken(const long n) { undeclared_thing = 1; }");
        var ex = Assert.Throws<OpenClException>(() => OpenClTestDevice.Context.BuildProgram(source));
        Assert.Equal("clBuildProgram", ex.Call);
        Assert.Equal("CL_BUILD_PROGRAM_FAILURE", ex.ErrorName);
        Assert.Contains("CL_BUILD_PROGRAM_FAILURE", ex.Message);
        Assert.NotNull(ex.BuildLog);
        Assert.Contains("undeclared_thing", ex.BuildLog);
        Assert.Contains("undeclared_thing", ex.Message);
    }

    [OpenClFact]
    public void Source_without_the_numeric_pragmas_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => OpenClTestDevice.Context.BuildProgram("__kernel void k(const long n) { }"));
        Assert.Contains("FP_CONTRACT OFF", ex.Message);
    }

    [OpenClFact]
    public void Build_options_select_the_language_standard_and_never_relax_math()
    {
        string options = OpenClTestDevice.Context.BuildOptions;
        Assert.Equal($"-cl-std={OpenClTestDevice.Device.LanguageStandard}", options);
        Assert.DoesNotContain("mad-enable", options);
        Assert.DoesNotContain("fast-relaxed-math", options);
    }

    [OpenClFact]
    public void An_unknown_kernel_name_names_the_call_and_error()
    {
        OpenClProgram program = OpenClTestDevice.Context.BuildProgram(Twice());
        var ex = Assert.Throws<OpenClException>(() => program.CreateKernel("nope"));
        Assert.Equal("CL_INVALID_KERNEL_NAME", ex.ErrorName);
        Assert.Contains("clCreateKernel('nope')", ex.Message);
    }

    [OpenClFact]
    public void The_same_source_is_built_once_per_context()
    {
        OpenClContext context = OpenClTestDevice.Context;
        OpenClProgram first = context.BuildProgram(Twice("built_once"));
        OpenClProgram second = context.BuildProgram(Twice("built_once"));
        Assert.Same(first, second);
        Assert.NotSame(first, context.BuildProgram(Twice("built_once_other")));
    }

    [OpenClFact]
    public void A_second_context_loads_the_binary_from_disk_and_it_computes_the_same()
    {
        using var folder = new TempDirectory();
        var cache = new OpenClProgramCache(folder.Path);
        string name = "cached_" + Guid.NewGuid().ToString("N");
        string source = Twice(name);

        using (var first = OpenClContext.Create(OpenClTestDevice.Device, cache))
        {
            OpenClProgram program = first.BuildProgram(source);
            Assert.Equal(OpenClProgramOrigin.Source, program.Origin);
            Assert.Null(program.CacheNote);
            Assert.True(File.Exists(cache.PathFor(program.Key)));
        }

        using var second = OpenClContext.Create(OpenClTestDevice.Device, cache);
        OpenClProgram loaded = second.BuildProgram(source);
        Assert.Equal(OpenClProgramOrigin.DiskCache, loaded.Origin);
        Assert.Equal(new[] { 2.0, -7.0, 0.0 }, RunTwice(second, loaded, name, [1.0, -3.5, 0.0]));
    }

    [OpenClTheory]
    [InlineData("truncate")]
    [InlineData("flip")]
    [InlineData("garbage")]
    [InlineData("valid-envelope-bad-binary")]
    public void A_corrupt_cache_file_falls_back_to_a_source_build(string damage)
    {
        using var folder = new TempDirectory();
        var cache = new OpenClProgramCache(folder.Path);
        string name = "corrupt_" + Guid.NewGuid().ToString("N");
        string source = Twice(name);
        string path;
        using (var first = OpenClContext.Create(OpenClTestDevice.Device, cache))
        {
            path = cache.PathFor(first.BuildProgram(source).Key)!;
        }

        byte[] bytes = File.ReadAllBytes(path);
        byte[] damaged = damage switch
        {
            "truncate" => bytes[..(bytes.Length / 2)],
            "flip" => Flip(bytes, bytes.Length - 10),
            "garbage" => "not a program binary"u8.ToArray(),
            _ => OpenClProgramCache.Encode("this is not a device binary at all"u8),
        };
        File.WriteAllBytes(path, damaged);

        using var second = OpenClContext.Create(OpenClTestDevice.Device, cache);
        OpenClProgram rebuilt = second.BuildProgram(source);
        Assert.Equal(OpenClProgramOrigin.Source, rebuilt.Origin);
        Assert.NotNull(rebuilt.CacheNote);
        Assert.Contains("rebuilt from source", rebuilt.CacheNote);
        Assert.Equal(new[] { 4.0 }, RunTwice(second, rebuilt, name, [2.0]));
        Assert.Equal(bytes.Length, new FileInfo(path).Length);

        using var third = OpenClContext.Create(OpenClTestDevice.Device, cache);
        Assert.Equal(OpenClProgramOrigin.DiskCache, third.BuildProgram(source).Origin);
    }

    [OpenClFact]
    public void An_unwritable_cache_folder_does_not_fail_the_build()
    {
        using var folder = new TempDirectory();
        string blocked = Path.Combine(folder.Path, "a-file-not-a-folder");
        File.WriteAllText(blocked, "x");
        using var context = OpenClContext.Create(OpenClTestDevice.Device, new OpenClProgramCache(blocked));
        OpenClProgram program = context.BuildProgram(Twice("unwritable"));
        Assert.Equal(OpenClProgramOrigin.Source, program.Origin);
        Assert.Contains("not cached", program.CacheNote);
    }

    [OpenClFact]
    public void The_cache_key_depends_on_the_source()
    {
        OpenClContext context = OpenClTestDevice.Context;
        Assert.NotEqual(context.BuildProgram(Twice("key_a")).Key, context.BuildProgram(Twice("key_b")).Key);
        Assert.Matches("^[0-9a-f]{64}$", context.BuildProgram(Twice("key_a")).Key);
    }

    [Fact]
    public void Cache_envelopes_round_trip_and_detect_any_single_byte_change()
    {
        Gen<byte[]> payloads = ArbMap.Default.GeneratorFor<byte[]>().Where(b => b.Length > 0);
        Prop.ForAll(payloads.Zip(Gen.Choose(0, int.MaxValue)).ToArbitrary(), t =>
        {
            (byte[] payload, int position) = t;
            byte[] file = OpenClProgramCache.Encode(payload);
            bool roundTrips = OpenClProgramCache.Decode(file) is byte[] decoded && decoded.SequenceEqual(payload);
            bool detects = OpenClProgramCache.Decode(Flip(file, position % file.Length)) is null;
            return roundTrips && detects;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_memory_only_cache_has_no_folder() => Assert.Null(OpenClProgramCache.MemoryOnly.PathFor("abc"));

    private static byte[] Flip(byte[] bytes, int position)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[position] ^= 0x5A;
        return copy;
    }

    private static double[] RunTwice(OpenClContext context, OpenClProgram program, string kernelName, double[] input)
    {
        using OpenClKernel kernel = program.CreateKernel(kernelName);
        var output = new double[input.Length];
        using OpenClBatchRunner runner = context.CreateBatchRunner();
        runner.Run(kernel, input.Length, [KernelColumn.Input(input)], [KernelColumn.Output(output)]);
        return output;
    }
}

public sealed class ProgramCacheFolderTests
{
    [Fact]
    public void The_configured_folder_wins() =>
        Assert.Equal("/srv/cl", OpenClProgramCache.ResolveDefaultDirectory("/srv/cl", "/xdg", "/home/u/.cache"));

    [Fact]
    public void Xdg_cache_home_is_used_next() =>
        Assert.Equal(Path.Combine("/xdg", "scoring", "opencl"), OpenClProgramCache.ResolveDefaultDirectory(null, "/xdg", "/home/u/.cache"));

    [Fact]
    public void The_platform_cache_folder_is_the_fallback() =>
        Assert.Equal(Path.Combine("/home/u/.cache", "scoring", "opencl"), OpenClProgramCache.ResolveDefaultDirectory("", "", "/home/u/.cache"));
}

[Collection(OpenClCollection.Name)]
public sealed class ConcurrentCacheTests
{
    [OpenClFact]
    public void Contexts_building_the_same_program_at_once_all_succeed_and_leave_a_valid_cache_file()
    {
        using var folder = new TempDirectory();
        var cache = new OpenClProgramCache(folder.Path);
        string name = "concurrent_" + Guid.NewGuid().ToString("N");
        string source = OpenClKernelSource.Compose($$"""
            __kernel void {{name}}(const long n, __global const double* x, __global double* y)
            {
                long i = get_global_id(0);
                if (i >= n) return;
                y[i] = x[i] + 1.0;
            }
            """);

        string[] keys = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4).Select(_ =>
        {
            using var context = OpenClContext.Create(OpenClTestDevice.Device, cache);
            OpenClProgram program = context.BuildProgram(source);
            using OpenClKernel kernel = program.CreateKernel(name);
            using OpenClBatchRunner runner = context.CreateBatchRunner();
            var y = new double[2];
            runner.Run(kernel, 2, [KernelColumn.Input(new[] { 1.0, 2.0 })], [KernelColumn.Output(y)]);
            Assert.Equal(new[] { 2.0, 3.0 }, y);
            return program.Key;
        }).ToArray();

        Assert.Single(keys.Distinct());
        Assert.Equal([cache.PathFor(keys[0])!], Directory.GetFiles(folder.Path));
        Assert.NotNull(OpenClProgramCache.Decode(File.ReadAllBytes(cache.PathFor(keys[0])!)));
    }
}
