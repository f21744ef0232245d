using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu.Tests;

[Collection(OpenClCollection.Name)]
public sealed class DeviceDiscoveryTests
{
    [OpenClFact]
    public void Lists_platforms_and_devices_with_their_properties()
    {
        OpenClRuntime runtime = OpenClTestDevice.Runtime;
        Assert.NotEmpty(runtime.Platforms);
        Assert.NotEmpty(runtime.Devices);
        for (int i = 0; i < runtime.Devices.Count; i++)
        {
            OpenClDevice device = runtime.Devices[i];
            Assert.Equal(i, device.Index);
            Assert.Same(runtime.Platforms[device.Platform.Index], device.Platform);
            Assert.False(string.IsNullOrWhiteSpace(device.Name));
            Assert.StartsWith("OpenCL ", device.Version, StringComparison.Ordinal);
            Assert.True(device.ComputeUnits > 0);
            Assert.True(device.GlobalMemoryBytes > 0);
            Assert.True(device.MaxWorkGroupSize > 0);
            Assert.NotEqual(OpenClDeviceType.None, device.Type);
        }
    }

    [OpenClFact]
    public void The_selected_device_has_fp64_and_a_language_standard()
    {
        OpenClDevice device = OpenClTestDevice.Device;
        Assert.True(device.SupportsFp64);
        Assert.True(device.CanScore);
        Assert.Null(device.ScoringRefusal);
        Assert.Contains(device.LanguageStandard, new[] { "CL3.0", "CL2.0", "CL1.2" });
    }

    [OpenClFact]
    public void Selecting_by_index_returns_that_device()
    {
        OpenClRuntime runtime = OpenClTestDevice.Runtime;
        int index = OpenClTestDevice.Device.Index;
        Assert.True(runtime.TrySelectScoringDevice(index, out var device, out var reason), reason);
        Assert.Same(runtime.Devices[index], device);
    }

    [OpenClTheory]
    [InlineData(-1)]
    [InlineData(999)]
    public void Selecting_a_missing_index_says_which_indexes_exist(int index)
    {
        OpenClRuntime runtime = OpenClTestDevice.Runtime;
        Assert.False(runtime.TrySelectScoringDevice(index, out var device, out var reason));
        Assert.Null(device);
        Assert.Contains($"no OpenCL device #{index}", reason);
        Assert.Contains("scoring devices", reason);
        var ex = Assert.Throws<OpenClUnavailableException>(() => runtime.SelectScoringDevice(index));
        Assert.Equal(reason, ex.Message);
    }

    [Fact]
    public void A_device_without_fp64_is_refused_with_the_reason()
    {
        string? reason = OpenClDevice.DescribeRefusal(doubleFpConfig: 0, available: true, compilerAvailable: true, "Mali-G52");
        Assert.NotNull(reason);
        Assert.Contains("Mali-G52", reason);
        Assert.Contains("cl_khr_fp64", reason);
    }

    [Theory]
    [InlineData(0x3Fu, false, true, "not available")]
    [InlineData(0x3Fu, true, false, "no OpenCL C compiler")]
    [InlineData(0x04u, true, true, "without full IEEE-754")]
    [InlineData(0x06u, true, true, "denormals")]
    public void Devices_that_cannot_give_cpu_identical_results_are_refused(ulong config, bool available, bool compiler, string expected)
    {
        string? reason = OpenClDevice.DescribeRefusal(config, available, compiler, "dev");
        Assert.NotNull(reason);
        Assert.Contains(expected, reason);
    }

    [Fact]
    public void A_full_ieee_fp64_device_is_accepted() =>
        Assert.Null(OpenClDevice.DescribeRefusal(0x3F, available: true, compilerAvailable: true, "dev"));

    [Fact]
    public void Opencl_c_3_0_is_used_only_when_the_device_lists_it()
    {
        const uint c30 = 3u << 22;
        const uint c12 = (1u << 22) | (2u << 12);
        Assert.Equal("CL3.0", OpenClLanguageStandard.Choose("OpenCL 3.0 PoCL", "OpenCL C 1.2 PoCL", [(c12, "OpenCL C"), (c30, "OpenCL C")]));
        Assert.Equal("CL1.2", OpenClLanguageStandard.Choose("OpenCL 3.0 CUDA", "OpenCL C 1.2 ", [(c12, "OpenCL C")]));
        Assert.Equal("CL1.2", OpenClLanguageStandard.Choose("OpenCL 1.2 CUDA", "OpenCL C 1.2 ", []));
        Assert.Equal("CL2.0", OpenClLanguageStandard.Choose("OpenCL 2.0 AMD-APP", "OpenCL C 2.0 ", []));
        Assert.Null(OpenClLanguageStandard.Choose("OpenCL 1.1 ", "OpenCL C 1.1 ", []));
        Assert.Null(OpenClLanguageStandard.Choose("garbage", "garbage", []));
    }

    [Fact]
    public void A_missing_library_gives_a_reason_that_says_what_to_install()
    {
        Assert.False(OpenClLibrary.TryLoad(["libOpenCL-does-not-exist.so.9"], out nint handle, out string? reason));
        Assert.Equal(nint.Zero, handle);
        Assert.Contains("libOpenCL-does-not-exist.so.9", reason);
        Assert.Contains("pocl-opencl-icd", reason);
        Assert.Contains("ocl-icd-libopencl1", reason);
    }
}
