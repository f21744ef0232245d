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
        // cover empty, tiny, work-group-straddling and multi-chunk sizes
        var config = Config.QuickThrowOnFailure.WithMaxTest(25).WithEndSize(20);
        Check.One(config, Prop.ForAll(RandomPrograms.Cases(), c =>
        {
            var expected = BatchAgreement.Interpret(c.Program, c.Batch);
            using var evaluator = new OpenClEvaluator(c.Program, OpenClTestDevice.Context, new OpenClBatchRunnerOptions { ChunkSize = 1000 });
            var results = new BatchResults();
            evaluator.Evaluate(c.Batch, results);
            Assert.Null(BatchAgreement.FirstDifference(c.Batch, expected, results));
        }));
    }

    [OpenClFact]
    public void OpenCl_reuses_its_buffers_and_program_across_batches()
    {
        var c = RandomPrograms.Case(2000).Sample(1)[0];
        using var evaluator = new OpenClEvaluator(c.Program, OpenClTestDevice.Context);
        using var again = new OpenClEvaluator(c.Program, OpenClTestDevice.Context);
        Assert.Same(evaluator.BuiltProgram, again.BuiltProgram);
        var results = new BatchResults();
        foreach (var rows in new[] { 1500, 700, 1500, 0, 33 })
        {
            var batch = RandomPrograms.FillBatch(c.Program, rows, rows);
            evaluator.Evaluate(batch, results);
            Assert.Null(BatchAgreement.FirstDifference(batch, BatchAgreement.Interpret(c.Program, batch), results));
        }
    }
}
