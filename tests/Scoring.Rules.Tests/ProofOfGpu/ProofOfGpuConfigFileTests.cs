namespace Scoring.Rules.Tests.ProofOfGpu;

using Scoring.Rules.ProofOfGpu;

public class ProofOfGpuConfigFileTests
{
    // The shape of the SN27 validator's config.yaml (neuralinternet/compute-subnet, config.yaml): other sections are ignored.
    private const string ValidatorConfig = """
        gpu_performance:
          GPU_TFLOPS_FP16:
            NVIDIA H200: 610
            NVIDIA H100: 330
          gpu_tolerance_pairs:
            NVIDIA L40: NVIDIA RTX 6000 Ada Generation
          gpu_scores:
            NVIDIA H200: 3.90
            NVIDIA H100 80GB HBM3: 2.99
            NVIDIA H100: 2.79
            NVIDIA L40s: 1.03
            NVIDIA RTX A4500: 0.34
        merkle_proof:
          submatrix_size: 512
        """;

    [Fact]
    public void Validator_config_yaml_gives_the_table_in_yaml_order()
    {
        var options = ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader(ValidatorConfig), "config.yaml");
        var table = options.BuildTable();
        Assert.Equal(["NVIDIA H200", "NVIDIA H100 80GB HBM3", "NVIDIA H100", "NVIDIA L40s", "NVIDIA RTX A4500"], table.Entries.Select(e => e.Key));
        Assert.Equal(3.90, table.MaxScore);
        Assert.Equal(1.0, ProofOfGpuScore.Compute(3.90, table.MaxScore, 8));
    }

    [Fact]
    public void Yaml_tie_goes_to_the_first_maximum_in_file_order()
    {
        const string yaml = "gpu_performance:\n  gpu_scores:\n    B: 1.0\n    Z: 4.0\n    A: 4.0\n";
        var table = ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader(yaml), "c.yaml").BuildTable();
        Assert.Equal("Z", table.MaxGpuName);
    }

    [Fact]
    public void Missing_section_names_what_is_missing()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance:\n  GPU_AVRAM:\n    X: 1\n"), "c.yaml"));
        Assert.Contains("'gpu_scores' is missing under 'gpu_performance'", error.Message);
    }

    [Fact]
    public void Empty_gpu_scores_is_a_configuration_error()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance:\n  gpu_scores: {}\n"), "c.yaml"));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void All_zero_gpu_scores_is_a_configuration_error()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance:\n  gpu_scores:\n    A: 0\n    B: 0.0\n"), "c.yaml"));
        Assert.Contains("is 0", error.Message);
    }

    [Fact]
    public void Quoted_score_is_rejected_with_its_line()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance:\n  gpu_scores:\n    A: 1.0\n    B: \"2.0\"\n"), "c.yaml"));
        Assert.Contains("c.yaml:4", error.Message);
        Assert.Contains("quoted string", error.Message);
    }

    [Fact]
    public void Repeated_gpu_is_rejected()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance:\n  gpu_scores:\n    A: 1.0\n    A: 2.0\n"), "c.yaml"));
        Assert.Contains("c.yaml:4", error.Message);
        Assert.Contains("Duplicate key A", error.Message);
    }

    [Fact]
    public void Malformed_yaml_is_a_configuration_error()
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() =>
            ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader("gpu_performance: [\n  gpu_scores"), "c.yaml"));
        Assert.Contains("not valid YAML", error.Message);
    }

    [Fact]
    public void Json_object_table_keeps_document_order_and_reads_the_other_options()
    {
        const string json = """{ "gpuScores": { "X": 2.0, "Y": 3.0, "Z": 3.0 }, "allocationMultiplier": 1.5, "maxGpus": 4 }""";
        var options = ProofOfGpuConfigFile.LoadJson(new StringReader(json), "pog.json");
        Assert.Equal("Y", options.BuildTable().MaxGpuName);
        Assert.Equal(1.5, options.AllocationMultiplier);
        Assert.Equal(4, options.MaxGpus);
    }

    [Fact]
    public void Json_array_table_and_missing_table_means_default()
    {
        var options = ProofOfGpuConfigFile.LoadJson(new StringReader("""{ "gpuScores": [ { "name": "X", "score": 1 } ] }"""), "pog.json");
        Assert.Equal("X", options.BuildTable().MaxGpuName);
        Assert.Same(GpuScoreTable.Default, ProofOfGpuConfigFile.LoadJson(new StringReader("{}"), "pog.json").BuildTable());
    }

    [Theory]
    [InlineData("""{ "gpuScores": { "X": "1" } }""", "must be a number")]
    [InlineData("""{ "gpuScores": {} }""", "empty")]
    [InlineData("""{ "gpuScore": {} }""", "unknown option 'gpuScore'")]
    [InlineData("""{ "maxGpus": 2.5 }""", "integer")]
    [InlineData("""{ "allocationMultiplier": -1 }""", "AllocationMultiplier")]
    [InlineData("""{ "gpuScores": [ 1 ] }""", "gpuScores[0]")]
    [InlineData("""{ "gpuScores": """, "not valid JSON")]
    public void Bad_json_options_are_configuration_errors(string json, string expected)
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() => ProofOfGpuConfigFile.LoadJson(new StringReader(json), "pog.json"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("pog.json", error.Message);
    }

    [Theory]
    [InlineData("gpu_performance:\n  gpu_scores:\n    A: .nan\n", "c.yaml:3")]
    [InlineData("gpu_performance:\n  gpu_scores:\n    A: [1, 2]\n", "a list")]
    [InlineData("gpu_performance:\n  gpu_scores:\n    A: NaN\n", "finite")]
    [InlineData("gpu_performance:\n  gpu_scores:\n    A: -1.5\n", "finite number ≥ 0")]
    [InlineData("gpu_performance:\n  gpu_scores:\n", "must be a mapping")]
    [InlineData("- just\n- a list\n", "expected a YAML mapping")]
    public void Bad_yaml_values_are_configuration_errors(string yaml, string expected)
    {
        var error = Assert.Throws<ProofOfGpuConfigurationException>(() => ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader(yaml), "c.yaml"));
        Assert.Contains(expected, error.Message);
    }
}
