using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Tests.Oracles;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Weights;
using static Scoring.Rules.Tests.ProofOfGpu.PogReports;

namespace Scoring.Rules.Tests.ProofOfGpu;

/// <summary>A Proof-of-GPU round through the scheme: merging, statuses, diagnostics and weights, as the SN27 validator does them.</summary>
public class ProofOfGpuSchemeTests
{
    private static readonly ProofOfGpuScheme Scheme = new();
    private static readonly SchemeContext BuiltIn = new(BuiltInReports.Registry.CreateRuleSets());

    private static ProofOfGpuRound Score(params ProofOfGpuReport[] reports) => Score(BuiltIn, reports);

    private static ProofOfGpuRound Score(SchemeContext context, params ProofOfGpuReport[] reports) => (ProofOfGpuRound)Scheme.ScoreRound(Round(reports), context);

    private static SchemeContext With(RuleSet version) => new(BuiltInReports.Registry.CreateRuleSets([RuleSetCompiler.CompileOrThrow(version)]));

    [Fact]
    public void The_readme_round_gives_the_documented_weights_and_emission()
    {
        var reports = RepositoryFiles.Lines("samples/data/examples/pog.jsonl").Select(l => BuiltInReports.Decode(l).Report!).ToList();
        var round = (ProofOfGpuRound)Scheme.ScoreRound(reports.Select((r, i) => new ReportInput(i + 1, r)).ToList(), BuiltIn);
        Assert.Equal([1.0, 0.0825, 0.0], round.Scores);
        Assert.Equal([MinerStatus.Scored, MinerStatus.Scored, MinerStatus.Penalized], round.Miners.Select(m => m.Status));
        var weights = round.ToWeights();
        Assert.Equal([0.92378753f, 0.07621247f, 0f], weights.Weights);
        Assert.Equal([0, 1], weights.Emission.Uids);
        Assert.Equal([(ushort)65535, (ushort)5407], weights.Emission.Values);
    }

    [Fact]
    public void A_known_gpu_is_scored_by_the_version_in_force()
    {
        var miner = Assert.Single(Score(Local(1, "NVIDIA B200", 8)).Miners);
        Assert.Equal((MinerStatus.Scored, 1.0, (string?)null, "pog-score@1"), (miner.Status, miner.Score, miner.Reason, miner.RuleSet));
    }

    [Fact]
    public void An_unknown_gpu_scores_zero_and_is_counted_by_name()
    {
        var round = Score(Local(1, "NVIDIA GTX 1080", 4), Local(2, "NVIDIA GTX 1080", 1), Local(3, "nvidia b200", 8), Local(4, "NVIDIA GTX 1080", 2, penalized: true));
        Assert.All(round.Miners, m => Assert.Equal(0.0, m.Score));
        Assert.Equal([MinerStatus.UnknownGpu, MinerStatus.UnknownGpu, MinerStatus.UnknownGpu, MinerStatus.Penalized], round.Miners.Select(m => m.Status));
        Assert.Equal(new Dictionary<string, int> { ["NVIDIA GTX 1080"] = 3, ["nvidia b200"] = 1 }, round.Diagnostics.UnknownGpuNames);
        Assert.Equal("GPU 'NVIDIA GTX 1080' is not in the score table of pog-score@1.", round.Miners[0].Reason);
    }

    [Fact]
    public void Penalized_and_non_queryable_miners_score_zero_whatever_their_source()
    {
        var round = Score(Local(1, "NVIDIA B200", 8, penalized: true), Local(2, "NVIDIA B200", 8, queryable: false), External(3, 0.5, penalized: true),
            Local(4, "NVIDIA B200", 8, queryable: false, penalized: true));
        Assert.Equal([MinerStatus.Penalized, MinerStatus.NotQueryable, MinerStatus.Penalized, MinerStatus.NotQueryable], round.Miners.Select(m => m.Status));
        Assert.All(round.Miners, m => Assert.Equal(0.0, m.Score));
        Assert.Equal((2, 2), (round.Diagnostics.PenalizedCount, round.Diagnostics.NotQueryableCount));
        Assert.Equal(["The miner is penalized.", "The miner is not queryable."], round.Miners.Take(2).Select(m => m.Reason));
    }

    [Fact]
    public void Allocation_gives_no_bonus_by_default_and_the_multiplier_is_a_parameter()
    {
        Assert.Equal(Score(Local(1, "NVIDIA H100", 2)).Scores, Score(Local(1, "NVIDIA H100", 2, allocated: true)).Scores);
        var bonus = With(ProofOfGpuConfigFile.LoadJson(new StringReader("""{ "allocationMultiplier": 1.2 }"""), "pog.json"));
        double expected = (((2.8 * 2) * (100.0 / (5.0 * 8))) * 1.2) / 100.0;
        Assert.Equal(expected, Score(bonus, Local(1, "NVIDIA H100", 2, allocated: true)).Scores.Single());
        Assert.Equal(Score(Local(1, "NVIDIA H100", 2)).Scores, Score(bonus, Local(1, "NVIDIA H100", 2)).Scores);
    }

    [Fact]
    public void A_local_result_outranks_an_external_one_in_either_order()
    {
        foreach (var results in new[] { new[] { External(5, 0.9), Local(5, "NVIDIA H100", 1) }, [Local(5, "NVIDIA H100", 1), External(5, 0.9)] })
        {
            var round = Score(results);
            var miner = Assert.Single(round.Miners);
            Assert.Equal(ProofOfGpuSource.Local, miner.Source);
            Assert.Equal(ProofOfGpuScore.Compute(2.8, 5.0, 1), miner.Score);
            Assert.Equal((2, 1, 1, 0), (round.Diagnostics.ResultCount, round.Diagnostics.SupersededCount, round.Diagnostics.LocalCount, round.Diagnostics.ExternalCount));
        }
    }

    [Fact]
    public void An_external_score_is_used_as_is_when_there_is_no_local_result()
    {
        var round = Score(External(7, 0.42));
        var miner = Assert.Single(round.Miners);
        Assert.Equal((0.42, ProofOfGpuSource.External, MinerStatus.Scored), (miner.Score, miner.Source, miner.Status));
        Assert.Equal(1, round.Diagnostics.ExternalCount);
    }

    [Fact]
    public void A_later_result_of_the_same_source_replaces_the_earlier()
    {
        var round = Score(Local(2, "NVIDIA H100", 1), Local(2, "NVIDIA H200", 2), External(3, 0.1), External(3, 0.3));
        Assert.Equal(["NVIDIA H200", "NVIDIA H100"], round.Miners.Select(m => m.GpuName));
        Assert.Equal(0.3, round.Miners[1].Score);
        Assert.Equal(2, round.Diagnostics.SupersededCount);
    }

    [Fact]
    public void A_score_the_rule_set_gives_outside_zero_to_one_or_no_version_in_force_rejects_that_miner_only()
    {
        var doubled = With(ProofOfGpuConfigFile.LoadJson(new StringReader("""{ "allocationMultiplier": 2 }"""), "pog.json"));
        var round = Score(doubled, Local(0, "NVIDIA B200", 8, allocated: true), Local(1, "NVIDIA H100", 8));
        Assert.Equal((MinerStatus.Rejected, 0.0), (round.Miners[0].Status, round.Miners[0].Score));
        Assert.Equal("rule set pog-score@1+pog.json gave the score 2; a score must be in 0..1", round.Miners[0].Reason);
        Assert.Equal(["uid 0 (5Hot0): rule set pog-score@1+pog.json gave the score 2; a score must be in 0..1"], round.Diagnostics.Rejections);
        Assert.Equal([0f, 1f], round.ToWeights().Weights); // the good miner keeps all weight, no NaN anywhere

        var later = new RuleSet(ProofOfGpuScheme.BuiltInScore.Id, "2030", "From 2030.", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ProofOfGpuScheme.BuiltInScore.Inputs, ProofOfGpuScheme.BuiltInScore.Parameters, ProofOfGpuScheme.BuiltInScore.Tables,
            ProofOfGpuScheme.BuiltInScore.Tiers, ProofOfGpuScheme.BuiltInScore.Rules, ProofOfGpuScheme.BuiltInScore.Outputs);
        var none = Score(With(later), Local(0, "NVIDIA B200", 8)).Miners.Single();
        Assert.Equal((MinerStatus.Rejected, "no version of rule set 'pog-score' is in force at 2026-01-01T00:00:00.0000000+00:00"), (none.Status, none.Reason));
    }

    [Fact]
    public void A_result_without_a_timestamp_is_scored_by_the_version_in_force_now()
    {
        var later = new RuleSet(ProofOfGpuScheme.BuiltInScore.Id, "2030", "From 2030.", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ProofOfGpuScheme.BuiltInScore.Inputs, ProofOfGpuScheme.BuiltInScore.Parameters, ProofOfGpuScheme.BuiltInScore.Tables,
            ProofOfGpuScheme.BuiltInScore.Tiers, ProofOfGpuScheme.BuiltInScore.Rules, ProofOfGpuScheme.BuiltInScore.Outputs);
        var registry = BuiltInReports.Registry.CreateRuleSets([RuleSetCompiler.CompileOrThrow(ProofOfGpuScheme.BuiltInScore), RuleSetCompiler.CompileOrThrow(later)]);
        var in2031 = new SchemeContext(registry, time: new FixedTime(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("pog-score@2030", Score(in2031, Local(0, "NVIDIA B200", 8, timestamp: null)).Miners.Single().RuleSet);
        Assert.Equal("pog-score@1", Score(in2031, Local(0, "NVIDIA B200", 8)).Miners.Single().RuleSet);
    }

    [Fact]
    public void Round_weights_follow_the_scores_through_float32()
    {
        var round = Score(Local(4, "NVIDIA GeForce RTX 5090", 1), Local(1, "NVIDIA B200", 8), Local(2, "NVIDIA H100 80GB HBM3", 1));
        Assert.Equal([1, 2, 4], round.Uids);
        var weights = round.ToWeights();
        float s1 = 1f, s2 = (float)0.0825, s4 = (float)0.023000000000000003;
        float norm = (0f + s1) + s2 + s4;
        Assert.Equal([s1 / norm, s2 / norm, s4 / norm], weights.Weights);
        Assert.Equal([1, 2, 4], weights.Emission.Uids);
        Assert.Equal((ushort)65535, weights.Emission.Values[0]);
        Assert.Equal((ushort)5407, weights.Emission.Values[1]); // round(0.0825f/1f × 65535) = round(5406.6…)
    }

    [Fact]
    public void An_empty_round_has_no_weights_but_burn_still_works()
    {
        var round = Score();
        Assert.Empty(round.Miners);
        Assert.Throws<ArgumentException>(() => round.ToWeights());
        Assert.Equal([(ushort)65535], round.ToWeights(new WeightSettings { BurnUid = 0 }).Emission.Values);
    }

    [Fact]
    public void The_round_writes_the_validators_stats_block_and_json()
    {
        var round = Score(Local(1, "NVIDIA B200", 8), Local(2, "NVIDIA GTX 1080", 1), External(3, 0.5));
        var text = new StringWriter();
        round.WriteRows(text);
        round.WriteSummary(text, [new ReportRejection(9, "$.uid", "must not be negative, got -1", "{}")]);
        var lines = text.ToString().Split(Environment.NewLine);
        Assert.Equal(new string('-', 190), lines[0]);
        Assert.Equal(190, lines[1].Length);
        Assert.Equal("MINER STATS SUMMARY", lines[1].Trim());
        Assert.StartsWith("| UID: 1    | Hotkey: 5Hot1", lines[3], StringComparison.Ordinal);
        Assert.Contains("| GPU: 8 x NVIDIA B200", lines[3], StringComparison.Ordinal);
        Assert.Contains("| Score: 100.00  |", lines[3], StringComparison.Ordinal);
        Assert.Contains("| Status: unknown-gpu   |", lines[4], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("| Unknown GPU: NVIDIA GTX 1080", StringComparison.Ordinal));
        Assert.Contains("| Bad line: line 9, $.uid: must not be negative, got -1", lines);

        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("rows");
            round.WriteRowsJson(writer);
            writer.WritePropertyName("summary");
            round.WriteSummaryJson(writer, []);
            writer.WriteEndObject();
        }
        var root = JsonDocument.Parse(json.ToArray()).RootElement;
        Assert.Equal(["scored", "unknown-gpu", "scored"], root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("external", root.GetProperty("rows")[2].GetProperty("source").GetString());
        Assert.Equal((3, 1), (root.GetProperty("summary").GetProperty("miners").GetInt32(), root.GetProperty("summary").GetProperty("unknownGpus").GetProperty("NVIDIA GTX 1080").GetInt32()));
    }

    [Fact]
    public void A_result_is_explained_with_the_version_in_force()
    {
        var explanation = Assert.Single(Scheme.Explain(Local(1, "NVIDIA H100", 2), BuiltIn));
        Assert.Equal((ProofOfGpuScheme.RuleSetId, (string?)null), (explanation.RuleSetId, explanation.Note));
        Assert.Contains(explanation.Trace!.Rules, r => r.Name == "local" && r.Outcome == RuleOutcome.Fired);
    }

    [Fact]
    public void Rounds_merge_and_score_like_the_old_validator_code_on_random_results()
    {
        var result = from uid in Gen.Choose(0, 12)
                     from local in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
                     from gpu in Gen.Elements(OracleGpuScores.Rows.Select(r => r.Key).Append("NVIDIA GTX 1080").ToArray())
                     from count in Gen.Choose(0, 12)
                     from flags in Gen.Choose(0, 15)
                     from score in Gen.Choose(0, 1000).Select(i => i / 1000.0)
                     select (uid, local, gpu, count, queryable: (flags & 3) != 0, penalized: (flags & 4) != 0, allocated: (flags & 8) != 0, score);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(result.ListOf().ToArbitrary(), results =>
        {
            var reports = results.Select(r => r.local
                ? Local(r.uid, r.gpu, r.count, r.queryable, r.penalized, r.allocated)
                : External(r.uid, r.score, r.penalized) with { Queryable = r.queryable }).ToArray();
            var actual = Score(reports);
            var expected = new ProofOfGpuScorer(new ProofOfGpuOptions()).Score(results.Select(r => r.local
                ? new MinerResult(r.uid, $"5Hot{r.uid}", r.gpu, r.count, r.queryable, r.penalized, r.allocated)
                : new MinerResult(r.uid, $"5Hot{r.uid}", "NVIDIA H100", 8, r.queryable, r.penalized, false, MinerResultSource.External, r.score)));
            static IEnumerable<(int, ProofOfGpuSource, MinerStatus, long)> Rows(ProofOfGpuRound round) =>
                round.Miners.Select(m => (m.Uid, m.Source, m.Status, BitConverter.DoubleToInt64Bits(m.Score)));
            var (a, e) = (actual.Diagnostics, expected.Diagnostics);
            return Rows(actual).SequenceEqual(Rows(expected))
                && (a.ResultCount, a.MinerCount, a.LocalCount, a.ExternalCount, a.SupersededCount, a.PenalizedCount, a.NotQueryableCount)
                    == (e.ResultCount, e.MinerCount, e.LocalCount, e.ExternalCount, e.SupersededCount, e.PenalizedCount, e.NotQueryableCount)
                && a.UnknownGpuNames.OrderBy(k => k.Key).SequenceEqual(e.UnknownGpuNames.OrderBy(k => k.Key))
                && Weights(actual).SequenceEqual(Weights(expected));
        }));

        static float[] Weights(ProofOfGpuRound round) => round.Miners.Count == 0 ? [] : [.. round.ToWeights().Weights];
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
