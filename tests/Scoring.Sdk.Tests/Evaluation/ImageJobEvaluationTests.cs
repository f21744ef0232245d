using Scoring.Evaluation;
using Scoring.RuleSets;
using Scoring.Sdk.Tests.RuleSets;

namespace Scoring.Sdk.Tests.Evaluation;

public class ImageJobEvaluationTests
{
    private static readonly CompiledRuleSet Compiled = RuleSetCompiler.CompileOrThrow(ImageJobRuleSet.Fluent());

    private static (ReportBatch Batch, int Row) Report(string category, long width = 1024, long height = 1024, long steps = 30, double vram = 24, double latency = 5, long nfts = 0, double stake = 0)
    {
        var batch = Compiled.CreateBatch(4);
        var row = batch.AddRow();
        batch.SetInt(0, row, width);
        batch.SetInt(1, row, height);
        batch.SetInt(2, row, steps);
        batch.SetString(3, row, category);
        batch.SetDouble(4, row, vram);
        batch.SetDouble(5, row, latency);
        batch.SetInt(6, row, nfts);
        batch.SetDouble(7, row, stake);
        return (batch, row);
    }

    [Fact]
    public void Sdxl_job_scores_pixels_times_steps_times_rate()
    {
        var (batch, row) = Report("sdxl");
        var result = Compiled.Evaluate(batch, row);
        // 1024*1024*30*1e-6*1.0 = 31.45728 → floor(31457.28)/1000 = 31.457
        Assert.Equal(new RowResult(EvaluationError.None, 31_457_000), result);
    }

    [Fact]
    public void Sd15_multiplier_and_boosts_apply_in_source_order()
    {
        var (batch, row) = Report("sd15", nfts: 2, stake: 5000);
        var expected = Math.Floor(1024.0 * 1024.0 * 30.0 * 1e-6 * 0.3 * 1.2 * 1.05 * 1000) / 1000;
        var result = Compiled.Evaluate(batch, row);
        Assert.Equal(EvaluationError.None, result.Error);
        Assert.Equal((long)Math.Round(expected * 1e6), result.Units);
    }

    [Theory]
    [InlineData("sdxl", 8.0, 5.0)]   // below the category's minimum VRAM
    [InlineData("sdxl", 24.0, 18.5)] // missed the 18 s deadline
    [InlineData("flux", 48.0, 1.0)]  // category disabled
    public void Disqualified_jobs_score_zero(string category, double vram, double latency)
    {
        var (batch, row) = Report(category, vram: vram, latency: latency);
        Assert.Equal(new RowResult(EvaluationError.None, 0), Compiled.Evaluate(batch, row));
    }

    [Fact]
    public void Unknown_category_voids_only_that_report()
    {
        var batch = Compiled.CreateBatch(3);
        foreach (var category in new[] { "sdxl", "mystery", "sd15" })
        {
            var row = batch.AddRow();
            batch.SetInt(0, row, 512);
            batch.SetInt(1, row, 512);
            batch.SetInt(2, row, 20);
            batch.SetString(3, row, category);
            batch.SetDouble(4, row, 24);
            batch.SetDouble(5, row, 1);
        }
        var units = new long[3];
        var errors = new EvaluationError[3];
        Compiled.Evaluate(batch, units, errors);
        Assert.Equal([EvaluationError.None, EvaluationError.MissingTableKey, EvaluationError.None], errors);
        Assert.Equal(0, units[1]);
        Assert.Equal(5_242_000, units[0]);
    }

    [Fact]
    public void Explain_lists_every_rule_with_condition_and_values()
    {
        var (batch, row) = Report("sdxl", latency: 30);
        var trace = Compiled.Explain(batch, row);
        Assert.Equal(10, trace.Rules.Count);
        var deadline = trace.Rules[3];
        Assert.Equal("deadline", deadline.Name);
        Assert.Equal(RuleOutcome.Fired, deadline.Outcome);
        Assert.True(deadline.ConditionValue);
        Assert.Equal(ScalarValue.FromDouble(0.0), deadline.Assignments[0].Value);
        Assert.Equal(RuleOutcome.NotFired, trace.Rules[2].Outcome);
        Assert.Equal(ScalarValue.FromDouble(1024.0 * 1024.0), trace.Rules[0].Assignments[0].Value); // arithmetic is double
        Assert.Equal(new RowResult(EvaluationError.None, 0), trace.Result);
        Assert.Equal(0.0, trace.OutputValue);
    }

    [Fact]
    public void Explain_of_a_voided_report_names_the_failing_rule_and_skips_the_rest()
    {
        var (batch, row) = Report("mystery");
        var trace = Compiled.Explain(batch, row);
        Assert.Equal(RuleOutcome.Fired, trace.Rules[0].Outcome);
        Assert.Equal(RuleOutcome.Failed, trace.Rules[1].Outcome);
        Assert.Equal(EvaluationError.MissingTableKey, trace.Rules[1].Error);
        Assert.All(trace.Rules.Skip(2), r => Assert.Equal(RuleOutcome.NotReached, r.Outcome));
        Assert.Equal(EvaluationError.MissingTableKey, trace.Result.Error);
        Assert.Null(trace.OutputValue);
    }
}
