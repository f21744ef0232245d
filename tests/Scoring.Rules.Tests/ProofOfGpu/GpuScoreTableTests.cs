namespace Scoring.Rules.Tests.ProofOfGpu;

using Scoring.Rules.ProofOfGpu;

public class GpuScoreTableTests
{
    [Fact]
    public void Default_table_has_B200_as_gmax_and_eighteen_rows_in_order()
    {
        var table = GpuScoreTable.Default;
        Assert.Equal(18, table.Entries.Count);
        Assert.Equal("NVIDIA B200", table.MaxGpuName);
        Assert.Equal(5.0, table.MaxScore);
        Assert.Equal("NVIDIA H200", table.Entries[1].Key);
        Assert.Equal("NVIDIA RTX A4500", table.Entries[^1].Key);
    }

    [Fact]
    public void Lookup_is_exact_and_case_sensitive()
    {
        Assert.True(GpuScoreTable.Default.TryGetScore("NVIDIA H100 80GB HBM3", out double g));
        Assert.Equal(3.3, g);
        Assert.False(GpuScoreTable.Default.TryGetScore("nvidia h100 80gb hbm3", out _));
        Assert.False(GpuScoreTable.Default.TryGetScore("NVIDIA H100 ", out _));
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
    public void Repeated_or_blank_name_is_a_configuration_error()
    {
        Assert.Throws<ProofOfGpuConfigurationException>(() =>
            GpuScoreTable.Create([KeyValuePair.Create("A", 1.0), KeyValuePair.Create("A", 2.0)]));
        Assert.Throws<ProofOfGpuConfigurationException>(() => GpuScoreTable.Create([KeyValuePair.Create(" ", 1.0)]));
    }

    [Fact]
    public void Options_without_a_table_use_the_default_and_an_explicit_empty_one_fails_validation()
    {
        Assert.Same(GpuScoreTable.Default, new ProofOfGpuOptions().BuildTable());
        var result = new ProofOfGpuOptionsValidator().Validate(null, new ProofOfGpuOptions { GpuScores = [] });
        Assert.True(result.Failed);
        Assert.Contains("empty", result.FailureMessage);
    }

    [Fact]
    public void Options_validator_rejects_a_bad_multiplier_and_cap()
    {
        var result = new ProofOfGpuOptionsValidator().Validate(null, new ProofOfGpuOptions { AllocationMultiplier = double.NaN, MaxGpus = 0 });
        Assert.True(result.Failed);
        Assert.Contains("AllocationMultiplier", result.FailureMessage);
        Assert.Contains("MaxGpus", result.FailureMessage);
        Assert.True(new ProofOfGpuOptionsValidator().Validate(null, new ProofOfGpuOptions()).Succeeded);
    }
}
