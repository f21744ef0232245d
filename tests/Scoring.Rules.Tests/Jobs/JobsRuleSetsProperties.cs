using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Binding;
using Scoring.Gpu.Tests;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.Tests.Oracles;
using Scoring.Rules.Tests.Reports;
using Scoring.RuleSets;

namespace Scoring.Rules.Tests.Jobs;

/// <summary>
/// The embedded <c>jobs-image</c> and <c>jobs-llm</c> documents are the old C# formulas, bit for bit, on every backend;
/// and they are the very versions existing ledgers recorded (same content hashes).
/// </summary>
[Collection(OpenClCollection.Name)]
public class JobsRuleSetsProperties
{
    private static readonly OracleJobsOptions Options = new();
    private static readonly RuleSetRegistry BuiltIn = BuiltInReports.Registry.CreateRuleSets();

    private static readonly Gen<double> Vram = Gen.OneOf(Gen.Elements(0.5, 8.0, 12.0, 16.0, 23.99, 24.0, 40.0, 80.0), Gen.Choose(1, 1024).Select(x => x / 7.0));
    private static readonly Gen<double> Latency = Gen.OneOf(Gen.Elements(0.0, 18.0, 18.000001, 180.0, 180.5), Gen.Choose(0, 400_000).Select(x => x / 1000.0));

    private static readonly Gen<ImageJobReport> ImageJobs =
        from category in Gen.Elements("sd15", "sd15-lora", "sdxl", "sdxl-lora", "flux", "SDXL", "video")
        from width in Gen.Choose(1, ImageJobReportType.MaxSide)
        from height in Gen.Choose(1, ImageJobReportType.MaxSide)
        from steps in Gen.Choose(1, ImageJobReportType.MaxSteps)
        from vram in Vram
        from latency in Latency
        select new ImageJobReport("j", "m", "w", category, width, height, steps, vram, latency, 1_767_225_600);

    private static readonly Gen<LlmJobReport> LlmJobs =
        from model in Gen.Elements("dolphin-2.9-llama3-8b", "hermes-3-llama3.1-8b", "theia-llama-3.1-8b", "openhermes-mixtral-8x7b-gptq", "gpt-x")
        from input in Gen.Choose(0, LlmJobReportType.MaxTokens)
        from output in Gen.Choose(0, LlmJobReportType.MaxTokens)
        from vram in Vram
        from latency in Latency
        select new LlmJobReport("j", "m", "w", model, input, output, vram, latency, 1_767_225_600);

    [Fact]
    public void The_embedded_documents_are_the_versions_ledgers_recorded()
    {
        var image = BuiltIn.Versions(JobsScheme.ImageRuleSetId).Single();
        var llm = BuiltIn.Versions(JobsScheme.LlmRuleSetId).Single();
        Assert.Equal("3ca1dc65cd093a79de3d899cbde54c6da17f19a2c471206501ad36e8593bf146", image.ContentHash);
        Assert.Equal("2d6c7c8b3fe60ce3a7de1666848b161230ad3d4b32984ad7ba7d1918e3574c59", llm.ContentHash);
        // … which are the versions the scheme used to build from its default options.
        Assert.Equal(JobsRuleSets.Image(Options).ContentHash, image.ContentHash);
        Assert.Equal(JobsRuleSets.Llm(Options).ContentHash, llm.ContentHash);
    }

    [Theory]
    [MemberData(nameof(Backends.Cpu), MemberType = typeof(Backends))]
    public void Image_rule_set_equals_the_reference_formula_bit_for_bit(string backend) => ImageAgrees(backend, 300);

    [Theory]
    [MemberData(nameof(Backends.Cpu), MemberType = typeof(Backends))]
    public void Llm_rule_set_equals_the_reference_formula_bit_for_bit(string backend) => LlmAgrees(backend, 300);

    [OpenClFact]
    public void Both_rule_sets_equal_the_reference_formulas_bit_for_bit_on_OpenCL()
    {
        ImageAgrees("opencl", 40);
        LlmAgrees("opencl", 40);
    }

    [Fact]
    public void Job_points_are_never_negative_and_more_pixels_steps_or_tokens_never_earn_less()
    {
        var images = from job in ImageJobs.Where(j => j.Category is not ("SDXL" or "video"))
                     from dw in Gen.Choose(0, 1000)
                     from dh in Gen.Choose(0, 1000)
                     from ds in Gen.Choose(0, 100)
                     select (job, bigger: job with
                     {
                         Width = Math.Min(ImageJobReportType.MaxSide, job.Width + dw),
                         Height = Math.Min(ImageJobReportType.MaxSide, job.Height + dh),
                         Steps = Math.Min(ImageJobReportType.MaxSteps, job.Steps + ds),
                     });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(images.ToArbitrary(), p =>
            !Points(JobsScheme.ImageRuleSetId, ImageJobReportType.Instance, p.job).IsNegative
            && Points(JobsScheme.ImageRuleSetId, ImageJobReportType.Instance, p.bigger) >= Points(JobsScheme.ImageRuleSetId, ImageJobReportType.Instance, p.job)));

        var llms = from job in LlmJobs.Where(j => j.Model != "gpt-x")
                   from di in Gen.Choose(0, 100_000)
                   from d in Gen.Choose(0, 100_000)
                   select (job, bigger: job with
                   {
                       InputTokens = Math.Min(LlmJobReportType.MaxTokens, job.InputTokens + di),
                       OutputTokens = Math.Min(LlmJobReportType.MaxTokens, job.OutputTokens + d),
                   });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(llms.ToArbitrary(), p =>
            !Points(JobsScheme.LlmRuleSetId, LlmJobReportType.Instance, p.job).IsNegative
            && Points(JobsScheme.LlmRuleSetId, LlmJobReportType.Instance, p.bigger) >= Points(JobsScheme.LlmRuleSetId, LlmJobReportType.Instance, p.job)));
    }

    [Fact]
    public void A_disabled_category_earns_zero_whatever_the_job()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(ImageJobs.Select(j => j with { Category = "flux" }).ToArbitrary(), job =>
            Points(JobsScheme.ImageRuleSetId, ImageJobReportType.Instance, job) == Scoring.Points.Zero));
    }

    private static Points Points(string ruleSetId, ReportType type, Report job)
    {
        using var evaluator = new VersionedRuleEvaluator<Report>(BuiltIn, ruleSetId, type.Fields, type.Name,
            [new RuleOutputRequirement("points", RuleOutputType.Points)]);
        return evaluator.Evaluate(job, job.Time!.Value).Points(0);
    }

    private static void ImageAgrees(string backend, int tests) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(ImageJobs.ArrayOf().ToArbitrary(), jobs =>
            Agree(JobsScheme.ImageRuleSetId, ImageJobReportType.Instance, backend, jobs,
                j => ImageJobFormula.Score(new ImageJob(j.Category, j.Width, j.Height, j.Steps, j.GpuVramGb, j.LatencySeconds), Options))));

    private static void LlmAgrees(string backend, int tests) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(LlmJobs.ArrayOf().ToArbitrary(), jobs =>
            Agree(JobsScheme.LlmRuleSetId, LlmJobReportType.Instance, backend, jobs,
                j => LlmJobFormula.Score(new LlmJob(j.Model, j.InputTokens, j.OutputTokens, j.GpuVramGb, j.LatencySeconds), Options))));

    private static bool Agree<T>(string ruleSetId, ReportType type, string backend, T[] jobs, Func<T, JobScore> reference) where T : Report
    {
        using var evaluator = new VersionedRuleEvaluator<Report>(BuiltIn, ruleSetId, type.Fields, $"\"{type.Name}\" reports",
            [new RuleOutputRequirement("points", RuleOutputType.Points)], Backends.Named(backend));
        var results = new RuleResult[jobs.Length];
        evaluator.Evaluate(jobs, j => j.Time!.Value, results);
        for (int i = 0; i < jobs.Length; i++)
        {
            var expected = reference(jobs[i]);
            var actual = results[i];
            bool same = expected.Outcome == JobOutcome.Rejected
                ? actual.Error == EvaluationError.MissingTableKey
                : actual.Succeeded && actual.Points(0) == expected.Points;
            if (!same)
                throw new Xunit.Sdk.XunitException($"{backend}: {jobs[i]} → {(actual.Succeeded ? actual.Points(0).ToString() : actual.Error.ToString())}, reference {expected}");
        }
        return true;
    }
}
