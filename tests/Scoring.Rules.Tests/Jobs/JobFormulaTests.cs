using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class JobFormulaTests
{
    private static readonly JobsOptions Defaults = new();

    [Theory]
    [InlineData("sdxl", 1024, 1024, 30, "31.45728")] // 1024 × 1024 × 30 × 10⁻⁶ × 1
    [InlineData("SDXL-LoRA", 1024, 1024, 30, "37.748736")] // × 1.2; ids are case-insensitive
    [InlineData("sd15", 512, 512, 20, "1.572864")] // 512 × 512 × 20 × 10⁻⁶ × 0.3
    [InlineData("sd15-lora", 512, 768, 25, "2.94912")]
    [InlineData("flux", 1024, 1024, 28, "0")] // multiplier 0: disabled
    public void ImageJobsEarnPixelsTimesStepsTimesRateTimesMultiplier(string category, int width, int height, int steps, string expected)
    {
        var score = ImageJobFormula.Score(new ImageJob(category, width, height, steps, VramGb: 24, LatencySeconds: 10), Defaults);
        Assert.Equal(JobOutcome.Scored, score.Outcome);
        Assert.Equal(Points.Parse(expected), score.Points);
        Assert.Null(score.Reason);
    }

    [Theory]
    [InlineData("hermes-3-llama3.1-8b", 1000, 500, "0.75")] // 1500 / 1000 × 0.5
    [InlineData("dolphin-2.9-llama3-8b", 1, 0, "0.0005")]
    [InlineData("theia-llama-3.1-8b", 333, 334, "0.3335")]
    [InlineData("openhermes-mixtral-8x7b-gptq", 1200, 800, "2")]
    public void LlmJobsEarnTokensPerThousandTimesMultiplier(string model, long input, long output, string expected)
    {
        var score = LlmJobFormula.Score(new LlmJob(model, input, output, VramGb: 48, LatencySeconds: 30), Defaults);
        Assert.Equal(JobOutcome.Scored, score.Outcome);
        Assert.Equal(Points.Parse(expected), score.Points);
    }

    [Fact]
    public void AGpuBelowTheMinimumOrALateJobEarnsZeroWithTheReason()
    {
        var small = ImageJobFormula.Score(new ImageJob("sdxl", 1024, 1024, 30, 12, 5), Defaults);
        Assert.Equal(new JobScore(JobOutcome.Ineligible, Points.Zero, "ineligible: 12 GB of VRAM is below the 16 GB minimum of image category 'sdxl'"), small);
        var late = ImageJobFormula.Score(new ImageJob("sdxl", 1024, 1024, 30, 24, 18.5), Defaults);
        Assert.Equal(new JobScore(JobOutcome.Ineligible, Points.Zero, "ineligible: 18.5 s is over the 18 s deadline"), late);
        Assert.Equal(JobOutcome.Scored, ImageJobFormula.Score(new ImageJob("sdxl", 1024, 1024, 30, 16, 18), Defaults).Outcome);

        var mixtral = LlmJobFormula.Score(new LlmJob("openhermes-mixtral-8x7b-gptq", 10, 10, 24, 1), Defaults);
        Assert.Equal("ineligible: 24 GB of VRAM is below the 40 GB minimum of LLM model 'openhermes-mixtral-8x7b-gptq'", mixtral.Reason);
        var slow = LlmJobFormula.Score(new LlmJob("hermes-3-llama3.1-8b", 10, 10, 24, 180.001), Defaults);
        Assert.Equal("ineligible: 180.001 s is over the 180 s deadline", slow.Reason);
        Assert.Equal(JobOutcome.Scored, LlmJobFormula.Score(new LlmJob("hermes-3-llama3.1-8b", 10, 10, 24, 180), Defaults).Outcome);
    }

    [Theory]
    [InlineData("midjourney", 512, 512, 20, 24, 1, "unknown image category 'midjourney'")]
    [InlineData("", 512, 512, 20, 24, 1, "unknown image category ''")]
    [InlineData("sd15", 0, 512, 20, 24, 1, "width and height must be 1 to 65536 pixels (got 0 × 512)")]
    [InlineData("sd15", 512, 70000, 20, 24, 1, "width and height must be 1 to 65536 pixels (got 512 × 70000)")]
    [InlineData("sd15", 512, 512, 0, 24, 1, "steps must be 1 to 100000 (got 0)")]
    [InlineData("sd15", 512, 512, 20, double.NaN, 1, "vramGb must be a finite number of at least 0 (got NaN)")]
    [InlineData("sd15", 512, 512, 20, 24, -1, "latencySeconds must be a finite number of at least 0 (got -1)")]
    public void BadImageJobsAreRejectedWithTheReason(string category, int width, int height, int steps, double vram, double latency, string reason)
    {
        Assert.Equal(new JobScore(JobOutcome.Rejected, Points.Zero, reason), ImageJobFormula.Score(new ImageJob(category, width, height, steps, vram, latency), Defaults));
    }

    [Theory]
    [InlineData("gpt-4", 1, 1, 24, 1, "unknown LLM model 'gpt-4'")]
    [InlineData("hermes-3-llama3.1-8b", -1, 1, 24, 1, "inputTokens and outputTokens must be 0 to 1000000000 (got -1 and 1)")]
    [InlineData("hermes-3-llama3.1-8b", 1, 2_000_000_000, 24, 1, "inputTokens and outputTokens must be 0 to 1000000000 (got 1 and 2000000000)")]
    [InlineData("hermes-3-llama3.1-8b", 1, 1, double.PositiveInfinity, 1, "vramGb must be a finite number of at least 0 (got ∞)")]
    public void BadLlmJobsAreRejectedWithTheReason(string model, long input, long output, double vram, double latency, string reason)
    {
        var score = LlmJobFormula.Score(new LlmJob(model, input, output, vram, latency), Defaults);
        Assert.Equal(JobOutcome.Rejected, score.Outcome);
        Assert.Equal(reason.Replace("∞", double.PositiveInfinity.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), score.Reason);
    }
}
