using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;

namespace Scoring.Gpu.Tests.Evaluation;

[Collection(OpenClCollection.Name)]
public class OpenClEvaluatorProperties
{
    [OpenClFact]
    public void OpenCl_equals_the_scalar_reference_bit_for_bit_on_random_programs_and_batches()
    {
        // each case builds a new program on the device, so fewer cases than the SIMD property; the batches still
        // cover empty, tiny, work-group-straddling and multi-chunk sizes, and the programs 1 to 3 outputs of mixed types
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25).WithEndSize(20), Prop.ForAll(RandomPrograms.Cases(), EqualsTheReference));
    }

    /// <summary>
    /// Random cases that once failed on PoCL 3.1, replayed (with the single-points-output generator they were found
    /// with): constant outputs the device compiler folded wrongly (rint of a constant of 2^52 or more lost every store
    /// of the kernel; floor of a constant NaN came out finite).
    /// </summary>
    [OpenClTheory]
    [InlineData(5292266955666764735UL, 5594534051442188399UL, 4)]
    [InlineData(9863020265553405184UL, 9907276408159384857UL, 7)]
    public void Programs_the_device_compiler_once_folded_wrongly_equal_the_reference(ulong seed, ulong gamma, int size) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1).WithReplay(seed, gamma, size), Prop.ForAll(RandomPrograms.SinglePointsOutputCases(), EqualsTheReference));

    /// <summary>
    /// Random multi-output cases that once failed on PoCL 3.1, replayed: <c>floor(max(NaN, min(d1, d2))) + d1</c> as a
    /// double output came back 0 instead of voiding the report (the device compiler proved the argument NaN after
    /// inlining <c>sc_max</c> and folded <c>floor</c> of it to 0; see docs/opencl.md, 12).
    /// </summary>
    [OpenClTheory]
    [InlineData(1859969288109055591UL, 10843655853028228313UL, 9)]
    public void Multi_output_programs_the_device_compiler_once_folded_wrongly_equal_the_reference(ulong seed, ulong gamma, int size) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1).WithReplay(seed, gamma, size), Prop.ForAll(RandomPrograms.Cases(), EqualsTheReference));

    private static void EqualsTheReference(ProgramCase c)
    {
        var expected = BatchAgreement.Interpret(c.Program, c.Batch);
        using var evaluator = new OpenClEvaluator(c.Program, OpenClTestDevice.Context, new OpenClBatchRunnerOptions { ChunkSize = 1000 });
        var results = new BatchResults();
        evaluator.Evaluate(c.Batch, results);
        Assert.Null(BatchAgreement.FirstDifference(c.Batch, expected, results));
    }

    [OpenClFact]
    public void OpenCl_reuses_its_buffers_and_program_across_batches()
    {
        var program = BackendCase.All.Single(x => x.Name == "rule conditions guard assignments and their errors").Compile().Program;
        using var evaluator = new OpenClEvaluator(program, OpenClTestDevice.Context, new OpenClBatchRunnerOptions { ChunkSize = 1000 });
        using var again = new OpenClEvaluator(program, OpenClTestDevice.Context);
        Assert.Same(evaluator.BuiltProgram, again.BuiltProgram);
        var results = new BatchResults();
        foreach (var rows in new[] { 1500, 700, 1500, 0, 33 })
        {
            var batch = RandomPrograms.FillBatch(program, rows, rows);
            evaluator.Evaluate(batch, results);
            Assert.Null(BatchAgreement.FirstDifference(batch, BatchAgreement.Interpret(program, batch), results));
        }
    }
}
