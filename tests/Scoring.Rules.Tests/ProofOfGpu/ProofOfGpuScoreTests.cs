using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Gpu.Tests;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Tests.Oracles;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using static Scoring.Rules.Tests.ProofOfGpu.PogReports;

namespace Scoring.Rules.Tests.ProofOfGpu;

/// <summary>The <c>pog-score</c> rule set is SN27's <c>calc_score_pog</c> (the oracle <see cref="ProofOfGpuScore"/>), bit for bit.</summary>
[Collection(OpenClCollection.Name)]
public class ProofOfGpuScoreTests
{
    private static readonly ProofOfGpuScheme Scheme = new();

    private static double Score(ProofOfGpuReport report, RuleSet? version = null, string backend = "scalar") =>
        ((ProofOfGpuRound)Scheme.ScoreRound(Round(report), Context(version, backend))).Miners.Single().Score;

    private static SchemeContext Context(RuleSet? version, string backend) =>
        new(BuiltInReports.Registry.CreateRuleSets(version is null ? [] : [RuleSetCompiler.CompileOrThrow(version)]), Backends.Named(backend));

    [Fact]
    public void Eight_B200_score_exactly_one_and_one_H100_80GB_HBM3_0_0825()
    {
        Assert.Equal(1.0, Score(Local(1, "NVIDIA B200", 8)));
        Assert.Equal(0.0825, Score(Local(1, "NVIDIA H100 80GB HBM3", 1)));
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void One_RTX_5090_scores_0_023000000000000003_in_reference_order(string backend)
    {
        double score = Score(Local(4, "NVIDIA GeForce RTX 5090", 1), backend: backend);
        Assert.Equal("0.023000000000000003", score.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ProofOfGpuScore.Compute(0.92, 5.0, 1)), BitConverter.DoubleToInt64Bits(score));
        Assert.NotEqual(0.023, score); // the naive 0.92 × 1 / 40 would give 0.023
    }

    [OpenClFact]
    public void One_RTX_5090_scores_0_023000000000000003_on_OpenCL_too()
    {
        Assert.Equal(0.023000000000000003, Score(Local(4, "NVIDIA GeForce RTX 5090", 1), backend: "opencl"));
    }

    [Fact]
    public void Counts_above_eight_count_as_eight_and_zero_scores_zero()
    {
        Assert.Equal(Score(Local(1, "NVIDIA H100", 8)), Score(Local(1, "NVIDIA H100", 64)));
        Assert.Equal(0.0, Score(Local(1, "NVIDIA H100", 0)));
    }

    [Fact]
    public void The_embedded_table_is_the_validators_default_table_in_its_order()
    {
        var table = ProofOfGpuScheme.BuiltInScore.Tables.Single(t => t.Name == ProofOfGpuScheme.GpuTable);
        Assert.Equal(OracleGpuScores.Rows.Select(r => (r.Key, r.Value)), table.Entries.Select(e => (e.Key.AsString, e.Value)));
        Assert.Equal(("NVIDIA B200", 5.0), (OracleGpuScores.Default.MaxGpuName, OracleGpuScores.Default.MaxScore));
    }

    [Fact]
    public void Every_default_table_gpu_scores_between_zero_and_one_rising_with_the_count_up_to_eight()
    {
        foreach (var (name, g) in OracleGpuScores.Rows)
        {
            var scores = Enumerable.Range(0, 13).Select(n => Score(Local(1, name, n))).ToArray();
            Assert.All(scores, s => Assert.InRange(s, 0, 1));
            for (int n = 0; n < 12; n++)
                Assert.True(n < 8 && g > 0 ? scores[n + 1] > scores[n] : scores[n + 1] == scores[n], $"{name}: {n} → {scores[n]}, {n + 1} → {scores[n + 1]}");
        }
    }

    /// <summary>A random table (as a validator's config would give), its parameters, and one miner of it.</summary>
    public sealed record ScoreCase(double[] Scores, int Gpu, int Count, bool Allocated, double Multiplier, int MaxGpus);

    private static readonly Arbitrary<ScoreCase> Cases =
        (from scores in Gen.OneOf(
                Gen.Choose(0, 1000).Select(i => i / 100.0),
                Gen.Choose(0, int.MaxValue).Select(i => i / 3.0e8),
                Gen.Elements(0.0, 0.92, 3.3, 2.8, 0.26, 1e-300, 5.0)).ArrayOf().Where(s => s.Length is > 0 and <= 8 && s.Any(x => x > 0))
         from gpu in Gen.Choose(0, 7)
         from count in Gen.Frequency((4, Gen.Choose(0, 12)), (1, Gen.Choose(0, ProofOfGpuReportType.MaxGpuCount)))
         from allocated in ArbMap.Default.GeneratorFor<bool>()
         from multiplier in Gen.OneOf(Gen.Constant(1.0), Gen.Choose(0, 100_000).Select(i => i / 1000.0))
         from maxGpus in Gen.Frequency((3, Gen.Constant(8)), (1, Gen.Choose(1, 64)))
         select new ScoreCase(scores, gpu % scores.Length, count, allocated, multiplier, maxGpus)).ToArbitrary();

    /// <summary>The case's table and parameters as an operator's JSON file, turned into a pog-score version.</summary>
    private static RuleSet Version(ScoreCase c) => ProofOfGpuConfigFile.LoadJson(new StringReader(
        $$"""{ "gpuScores": { {{string.Join(", ", c.Scores.Select((s, i) => $"\"GPU {i}\": {s.ToString("R", CultureInfo.InvariantCulture)}"))}} }, "allocationMultiplier": {{c.Multiplier.ToString("R", CultureInfo.InvariantCulture)}}, "maxGpus": {{c.MaxGpus}} }"""),
        "generated.json");

    private static bool Agrees(ScoreCase c, string backend)
    {
        double expected = ProofOfGpuScore.Compute(c.Scores[c.Gpu], c.Scores.Max(), c.Count, c.MaxGpus, c.Allocated ? c.Multiplier : 1.0);
        var miner = ((ProofOfGpuRound)Scheme.ScoreRound(Round(Local(3, $"GPU {c.Gpu}", c.Count, allocated: c.Allocated)), Context(Version(c), backend))).Miners.Single();
        // A multiplier above 1 can take a score out of 0..1, which the scheme refuses; every other score is the oracle's, bit for bit.
        return expected is >= 0 and <= 1
            ? miner.Status == MinerStatus.Scored && BitConverter.DoubleToInt64Bits(miner.Score) == BitConverter.DoubleToInt64Bits(expected)
            : miner.Status == MinerStatus.Rejected && miner.Score == 0;
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void Pog_score_is_the_oracle_bit_for_bit_on_random_tables_counts_and_multipliers(string backend)
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Cases, c => Agrees(c, backend)));
    }

    [OpenClFact]
    public void Pog_score_is_the_oracle_bit_for_bit_on_OpenCL()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), Prop.ForAll(Cases, c => Agrees(c, "opencl")));
    }
}
