namespace Scoring.Gpu.Tests;

public sealed class OpenClTestGateTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("no")]
    public void Unavailable_and_not_required_skips_with_the_reason(string? require)
    {
        string? skip = OpenClTestGate.SkipReason(require, available: false, "No OpenCL runtime library found");
        Assert.NotNull(skip);
        Assert.Contains("No OpenCL runtime library found", skip);
        Assert.Contains(OpenClTestGate.RequireVariable, skip);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData(" TRUE ")]
    public void Unavailable_but_required_runs_so_the_test_fails(string require) =>
        Assert.Null(OpenClTestGate.SkipReason(require, available: false, "No OpenCL runtime library found"));

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public void Available_always_runs(string? require) =>
        Assert.Null(OpenClTestGate.SkipReason(require, available: true, unavailableReason: null));
}
