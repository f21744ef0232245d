using Scoring.Evaluation;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Tests.Oracles;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using static Scoring.Rules.Tests.ProofOfGpu.PogReports;

namespace Scoring.Rules.Tests.ProofOfGpu;

/// <summary>A validator's config.yaml or a JSON options file becomes a <c>pog-score</c> version: its table and parameters, the built-in formula.</summary>
public class ProofOfGpuConfigFileTests
{
    private static IEnumerable<(string Gpu, double Score)> Table(RuleSet version) =>
        version.Tables.Single(t => t.Name == ProofOfGpuScheme.GpuTable).Entries.Select(e => (e.Key.AsString, e.Value));

    private static double Parameter(RuleSet version, string name) =>
        version.Parameters.Single(p => p.Name == name).Value is var v && v.Type == ScalarType.Int ? v.AsInt : v.AsDouble;

    private static double Score(RuleSet version, ProofOfGpuReport report) =>
        ((ProofOfGpuRound)new ProofOfGpuScheme().ScoreRound(Round(report),
            new SchemeContext(BuiltInReports.Registry.CreateRuleSets([RuleSetCompiler.CompileOrThrow(version)])))).Miners.Single().Score;

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
    public void Validator_config_yaml_gives_a_version_with_the_table_in_yaml_order_and_the_built_in_formula()
    {
        var version = ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader(ValidatorConfig), "/etc/validator/config.yaml");
        Assert.Equal([("NVIDIA H200", 3.90), ("NVIDIA H100 80GB HBM3", 2.99), ("NVIDIA H100", 2.79), ("NVIDIA L40s", 1.03), ("NVIDIA RTX A4500", 0.34)], Table(version));
        Assert.Equal(("pog-score", "1+config.yaml"), (version.Id, version.Version));
        Assert.Equal(ProofOfGpuScheme.BuiltInScore.EffectiveFrom, version.EffectiveFrom);
        Assert.Equal(ProofOfGpuScheme.BuiltInScore.Rules.Select(r => r.Name), version.Rules.Select(r => r.Name));
        Assert.Equal((8.0, 1.0), (Parameter(version, "maxGpus"), Parameter(version, "allocationMultiplier")));
        Assert.Equal(1.0, Score(version, Local(1, "NVIDIA H200", 8))); // gmax is the file's largest score
        Assert.Equal(ProofOfGpuScore.Compute(2.99, 3.90, 1), Score(version, Local(1, "NVIDIA H100 80GB HBM3", 1)));
        Assert.Equal(MinerStatus.UnknownGpu, ((ProofOfGpuRound)new ProofOfGpuScheme().ScoreRound(Round(Local(1, "NVIDIA B200", 8)),
            new SchemeContext(BuiltInReports.Registry.CreateRuleSets([RuleSetCompiler.CompileOrThrow(version)])))).Miners.Single().Status);
    }

    [Fact]
    public void A_yaml_tie_for_the_largest_score_scores_both_gpus_as_the_best()
    {
        const string yaml = "gpu_performance:\n  gpu_scores:\n    B: 1.0\n    Z: 4.0\n    A: 4.0\n";
        var version = ProofOfGpuConfigFile.LoadValidatorConfig(new StringReader(yaml), "c.yaml");
        Assert.Equal(["B", "Z", "A"], Table(version).Select(r => r.Gpu));
        Assert.Equal((1.0, 1.0), (Score(version, Local(1, "Z", 8)), Score(version, Local(1, "A", 8))));
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
        const string json = """{ "gpuScores": { "X": 2.0, "Y": 3.0, "Z": 3.0 }, "AllocationMultiplier": 1.5, "maxGpus": 4 }""";
        var version = ProofOfGpuConfigFile.LoadJson(new StringReader(json), "pog.json");
        Assert.Equal([("X", 2.0), ("Y", 3.0), ("Z", 3.0)], Table(version));
        Assert.Equal((4.0, 1.5), (Parameter(version, "maxGpus"), Parameter(version, "allocationMultiplier")));
        Assert.Equal(1.0, Score(version, Local(1, "Y", 4)));
        Assert.Equal((((2.0 * 1) * (100.0 / (3.0 * 4))) * 1.5) / 100.0, Score(version, Local(1, "X", 1, allocated: true)));
    }

    [Fact]
    public void Json_array_table_and_missing_table_means_the_default_table()
    {
        var version = ProofOfGpuConfigFile.LoadJson(new StringReader("""{ "gpuScores": [ { "name": "X", "score": 1 } ] }"""), "pog.json");
        Assert.Equal([("X", 1.0)], Table(version));
        var defaults = ProofOfGpuConfigFile.LoadJson(new StringReader("""{ "maxGpus": 8 }"""), "pog.json");
        Assert.Equal(OracleGpuScores.Rows.Select(r => (r.Key, r.Value)), Table(defaults));
        Assert.Equal(ProofOfGpuScheme.BuiltInScore.Parameters.Select(p => p.Value), defaults.Parameters.Select(p => p.Value));
    }

    [Theory]
    [InlineData("""{ "gpuScores": { "X": "1" } }""", "must be a number")]
    [InlineData("""{ "gpuScores": {} }""", "empty")]
    [InlineData("""{ "gpuScore": {} }""", "unknown option 'gpuScore'")]
    [InlineData("""{ "maxGpus": 2.5 }""", "integer")]
    [InlineData("""{ "allocationMultiplier": -1 }""", "allocationMultiplier must be a number from 0 to 1000 (got -1)")]
    [InlineData("""{ "maxGpus": 0 }""", "maxGpus must be from 1 to 1024 (got 0)")]
    [InlineData("""{ "gpuScores": { "X": 1, "X": 2 } }""", "GPU 'X' appears more than once in gpuScores")]
    [InlineData("""{ "gpuScores": 5 }""", "'gpuScores' must be an object (name → score) or an array of rows")]
    [InlineData("[]", "expected a JSON object of Proof-of-GPU options")]
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
