using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;

namespace Scoring.Sdk.Tests.Evaluators;

public class SimdEvaluatorProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(150);

    [Fact]
    public void Simd_equals_the_compiled_delegate_and_the_interpreter_bit_for_bit_on_every_output()
    {
        Check.One(Config, Prop.ForAll(RandomPrograms.Cases(), c =>
        {
            var reference = Reference(c.Program, c.Batch);
            Assert.Null(BatchAgreement.FirstDifference(c.Batch, BatchAgreement.Interpret(c.Program, c.Batch), reference));
            foreach (var threads in new[] { 1, 2 })
            {
                using var simd = new SimdBatchEvaluator(c.Program, threads);
                var results = new BatchResults();
                simd.Evaluate(c.Batch, results);
                Assert.Null(BatchAgreement.FirstDifference(c.Batch, reference, results));
            }
        }));
    }

    [Fact]
    public void Simd_results_do_not_depend_on_earlier_batches_through_reused_buffers()
    {
        Check.One(Config.WithMaxTest(30), Prop.ForAll(RandomPrograms.Cases(), c =>
        {
            using var simd = new SimdBatchEvaluator(c.Program);
            var results = new BatchResults();
            var other = RandomPrograms.FillBatch(c.Program, 3000, 7);
            simd.Evaluate(other, results);
            simd.Evaluate(c.Batch, results);
            Assert.Null(BatchAgreement.FirstDifference(c.Batch, Reference(c.Program, c.Batch), results));
        }));
    }

    [Fact]
    public void Simd_splits_a_batch_of_several_chunks_across_threads_without_changing_a_row()
    {
        // more than two parallel chunks and a partial last vector: chunk boundaries and the padded tail both matter
        var rows = (SimdBatchEvaluator.ChunkRows * 2) + 1000 + 3;
        Check.One(Config.WithMaxTest(8), Prop.ForAll(RandomPrograms.Cases(), c =>
        {
            var batch = RandomPrograms.FillBatch(c.Program, rows, c.Batch.Count);
            using var simd = new SimdBatchEvaluator(c.Program, maxDegreeOfParallelism: 2);
            var results = new BatchResults();
            simd.Evaluate(batch, results);
            Assert.Null(BatchAgreement.FirstDifference(batch, Reference(c.Program, batch), results));
        }));
    }

    /// <summary>The scalar compiled delegate (the reference backend) on a program built directly as IR: every output of every row.</summary>
    internal static RowOutputs[] Reference(RuleProgram program, ReportBatch batch)
    {
        var values = program.Outputs.Select(_ => new long[batch.Count]).ToArray();
        var errors = new EvaluationError[batch.Count];
        IrCompiler.CompileBatch(program)(batch.Columns, 0, batch.Count, values, errors);
        return BatchAgreement.Rows(program, batch.Count, values, errors);
    }
}
