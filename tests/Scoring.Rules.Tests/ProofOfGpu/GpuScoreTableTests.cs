using Scoring.Rules.ProofOfGpu;

namespace Scoring.Rules.Tests.ProofOfGpu;

public class GpuScoreTableTests
{
    [Fact]
    public void Lookup_is_exact_and_case_sensitive()
    {
        var table = GpuScoreTable.Create([KeyValuePair.Create("NVIDIA H100 80GB HBM3", 3.3), KeyValuePair.Create("NVIDIA B200", 5.0)]);
        Assert.True(table.TryGetScore("NVIDIA H100 80GB HBM3", out double g));
        Assert.Equal(3.3, g);
        Assert.False(table.TryGetScore("nvidia h100 80gb hbm3", out _));
        Assert.False(table.TryGetScore("NVIDIA H100 ", out _));
        Assert.Equal(("NVIDIA B200", 5.0), (table.MaxGpuName, table.MaxScore));
    }

    [Fact]
    public void First_maximum_wins_a_tie()
    {
        var table = GpuScoreTable.Create([KeyValuePair.Create("A", 1.0), KeyValuePair.Create("B", 3.0), KeyValuePair.Create("C", 3.0)]);
        Assert.Equal("B", table.MaxGpuName);
        Assert.Equal(3.0, table.MaxScore);
    }

    [Fact]
    public void Empty_table_is_a_configuration_error()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() => GpuScoreTable.Create([]));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void All_zero_table_is_a_configuration_error()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            GpuScoreTable.Create([KeyValuePair.Create("A", 0.0), KeyValuePair.Create("B", 0.0)]));
        Assert.Contains("Every GPU score in the table is 0", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.5)]
    public void Bad_score_is_a_configuration_error_naming_the_row(double bad)
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            GpuScoreTable.Create([KeyValuePair.Create("A", 1.0), KeyValuePair.Create("Bad GPU", bad)]));
        Assert.Contains("row 1 ('Bad GPU')", error.Message);
    }

    [Fact]
    public void Repeated_or_blank_name_is_a_configuration_error_and_a_source_prefixes_the_message()
    {
        Assert.Equal("GPU score table row 1: 'A' appears more than once.", Assert.Throws<ProofOfGpuConfigurationException>(() =>
            GpuScoreTable.Create([KeyValuePair.Create("A", 1.0), KeyValuePair.Create("A", 2.0)])).Message);
        Assert.Equal("pog.json: GPU score table row 0: the GPU name is empty.",
            Assert.Throws<ProofOfGpuConfigurationException>(() => GpuScoreTable.Create([KeyValuePair.Create(" ", 1.0)], "pog.json")).Message);
    }
}
