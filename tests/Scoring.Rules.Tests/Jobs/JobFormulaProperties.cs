using FsCheck;
using FsCheck.Fluent;
using Scoring.Rules.Jobs;

namespace Scoring.Rules.Tests.Jobs;

public sealed class JobFormulaProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);
    private static readonly JobsOptions Defaults = new();

    private static readonly Gen<string> Categories = Gen.Elements(Defaults.ImageCategories.Keys.ToArray());
    private static readonly Gen<string> Models = Gen.Elements(Defaults.LlmModels.Keys.ToArray());
    private static readonly Gen<double> Vram = Gen.Elements(0.0, 8, 12, 16, 24, 40, 80);
    private static readonly Gen<double> Latency = Gen.Choose(0, 400).Select(x => x / 2.0);

    private static readonly Gen<ImageJob> ImageJobs =
        from category in Categories
        from width in Gen.Choose(1, ImageJobFormula.MaxSide)
        from height in Gen.Choose(1, ImageJobFormula.MaxSide)
        from steps in Gen.Choose(1, 200)
        from vram in Vram
        from latency in Latency
        select new ImageJob(category, width, height, steps, vram, latency);

    private static readonly Gen<LlmJob> LlmJobs =
        from model in Models
        from input in Gen.Choose(0, 1_000_000)
        from output in Gen.Choose(0, 1_000_000)
        from vram in Vram
        from latency in Latency
        select new LlmJob(model, input, output, vram, latency);

    [Fact]
    public void JobPointsAreNeverNegative()
    {
        Check.One(Config, Prop.ForAll(ImageJobs.ToArbitrary(), job => !ImageJobFormula.Score(job, Defaults).Points.IsNegative));
        Check.One(Config, Prop.ForAll(LlmJobs.ToArbitrary(), job => !LlmJobFormula.Score(job, Defaults).Points.IsNegative));
    }

    [Fact]
    public void MorePixelsOrStepsNeverEarnLess()
    {
        var pairs = from job in ImageJobs
                    from dw in Gen.Choose(0, 1000)
                    from dh in Gen.Choose(0, 1000)
                    from ds in Gen.Choose(0, 100)
                    select (job, bigger: job with
                    {
                        Width = Math.Min(ImageJobFormula.MaxSide, job.Width + dw),
                        Height = Math.Min(ImageJobFormula.MaxSide, job.Height + dh),
                        Steps = job.Steps + ds,
                    });
        Check.One(Config, Prop.ForAll(pairs.ToArbitrary(), p =>
            ImageJobFormula.Score(p.bigger, Defaults).Points >= ImageJobFormula.Score(p.job, Defaults).Points));
    }

    [Fact]
    public void MoreTokensNeverEarnLess()
    {
        var pairs = from job in LlmJobs
                    from di in Gen.Choose(0, 100_000)
                    from d in Gen.Choose(0, 100_000)
                    select (job, bigger: job with { InputTokens = job.InputTokens + di, OutputTokens = job.OutputTokens + d });
        Check.One(Config, Prop.ForAll(pairs.ToArbitrary(), p =>
            LlmJobFormula.Score(p.bigger, Defaults).Points >= LlmJobFormula.Score(p.job, Defaults).Points));
    }

    [Fact]
    public void AMultiplierOfZeroEarnsZero()
    {
        var zero = new JobsOptions();
        foreach (var model in zero.ImageCategories.Values.Concat(zero.LlmModels.Values))
        {
            model.Multiplier = 0;
        }
        Check.One(Config, Prop.ForAll(ImageJobs.ToArbitrary(), job => ImageJobFormula.Score(job, zero).Points == Points.Zero));
        Check.One(Config, Prop.ForAll(LlmJobs.ToArbitrary(), job => LlmJobFormula.Score(job, zero).Points == Points.Zero));
    }

    [Fact]
    public void TheFormulaIsTheDocumentedDoubleExpressionConvertedOnce()
    {
        Check.One(Config, Prop.ForAll(ImageJobs.ToArbitrary(), job =>
        {
            var score = ImageJobFormula.Score(job, Defaults);
            var category = Defaults.ImageCategories[job.Category];
            bool eligible = job.VramGb >= category.MinVramGb && job.LatencySeconds <= 18;
            return score.Points == (eligible ? Points.FromDouble(job.Width * (double)job.Height * job.Steps * 1e-6 * category.Multiplier) : Points.Zero)
                && (score.Outcome == JobOutcome.Scored) == eligible;
        }));
    }
}
