using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Ingestion;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.RuleSets;

namespace Scoring.Rules.Tests.Jobs;

/// <summary>The rule sets built from options give exactly the reference formulas' points, on every backend.</summary>
public class JobsRuleSetsProperties
{
    private static readonly JobsOptions Options = new();
    private static readonly CompiledRuleSet Image = RuleSetCompiler.CompileOrThrow(JobsRuleSets.Image(Options));
    private static readonly CompiledRuleSet Llm = RuleSetCompiler.CompileOrThrow(JobsRuleSets.Llm(Options));

    private static readonly Gen<double> Vram = Gen.OneOf(Gen.Elements(0.5, 8.0, 12.0, 16.0, 23.99, 24.0, 40.0, 80.0), Gen.Choose(1, 1024).Select(x => x / 7.0));
    private static readonly Gen<double> Latency = Gen.OneOf(Gen.Elements(0.0, 18.0, 18.000001, 180.0, 180.5), Gen.Choose(0, 400_000).Select(x => x / 1000.0));

    private static readonly Gen<ImageJobReport> ImageJobs =
        from category in Gen.Elements("sd15", "sd15-lora", "sdxl", "sdxl-lora", "flux", "SDXL", "video")
        from width in Gen.Choose(1, 16384)
        from height in Gen.Choose(1, 16384)
        from steps in Gen.Choose(1, 1000)
        from vram in Vram
        from latency in Latency
        select new ImageJobReport("j", "m", "w", category, width, height, steps, vram, latency, 1_767_225_600);

    private static readonly Gen<LlmJobReport> LlmJobs =
        from model in Gen.Elements("dolphin-2.9-llama3-8b", "hermes-3-llama3.1-8b", "theia-llama-3.1-8b", "openhermes-mixtral-8x7b-gptq", "gpt-x")
        from input in Gen.Choose(0, 10_000_000)
        from output in Gen.Choose(0, 10_000_000)
        from vram in Vram
        from latency in Latency
        select new LlmJobReport("j", "m", "w", model, input, output, vram, latency, 1_767_225_600);

    [Fact]
    public void Image_rule_set_equals_the_reference_formula_bit_for_bit()
    {
        Prop.ForAll(ImageJobs.ArrayOf().ToArbitrary(), jobs =>
            Agree(Image, ReportKind.ImageJob, jobs, j => ImageJobFormula.Score(new ImageJob(j.Category, j.Width, j.Height, j.Steps, j.GpuVramGb, j.LatencySeconds), Options)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Llm_rule_set_equals_the_reference_formula_bit_for_bit()
    {
        Prop.ForAll(LlmJobs.ArrayOf().ToArbitrary(), jobs =>
            Agree(Llm, ReportKind.LlmJob, jobs, j => LlmJobFormula.Score(new LlmJob(j.Model, j.InputTokens, j.OutputTokens, j.GpuVramGb, j.LatencySeconds), Options)))
            .QuickCheckThrowOnFailure();
    }

    private static bool Agree<T>(CompiledRuleSet ruleSet, ReportKind kind, T[] jobs, Func<T, JobScore> reference) where T : Report
    {
        var batch = ruleSet.CreateBatch();
        var binding = ReportRowBinding.Create(ruleSet, kind);
        foreach (var job in jobs)
        {
            binding.Add(batch, job);
        }
        // Scalar and SIMD must both match the reference (OpenCL is covered by the Gpu tests' equality with scalar).
        foreach (IBatchEvaluator evaluator in new IBatchEvaluator[] { new ScalarBatchEvaluator(ruleSet), new SimdBatchEvaluator(ruleSet) })
        {
            using (evaluator)
            {
                var results = new BatchResults();
                evaluator.Evaluate(batch, results);
                for (int i = 0; i < jobs.Length; i++)
                {
                    var expected = reference(jobs[i]);
                    var actual = results[i];
                    bool same = expected.Outcome == JobOutcome.Rejected
                        ? actual.Error == EvaluationError.MissingTableKey
                        : actual.Succeeded && actual.Units == expected.Points.Units;
                    if (!same)
                    {
                        throw new Xunit.Sdk.XunitException($"{evaluator.Name}: {jobs[i]} → {actual}, reference {expected}");
                    }
                }
            }
        }
        return true;
    }
}
